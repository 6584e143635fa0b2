import { useState } from 'react';
import { Button, Card, Collapse, Descriptions, Drawer, Empty, Flex, Input, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Diagnosis } from '../ipc';
import MissingScopes from './MissingScopes';
import AdviceView from './AdviceView';
import { useOpenLink } from '../useOpenLink';
import { useFail } from '../errors';

/** "我有一条报错": paste an errcode, a JSON body or a log line; get cause, fix and where to click. */
export default function ExplainDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fail = useFail();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Diagnosis[] | null>(null);
  const explain = () =>
    api
      .explainError(text)
      .then(setFound)
      .catch(fail);
  const openLink = useOpenLink();
  return (
    <Drawer open={open} onClose={onClose} title={t('explain.title')} size="large" data-testid="explain-drawer">
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('explain.intro')}
        </Typography.Paragraph>
        <Input.TextArea
          className="mono"
          rows={5}
          value={text}
          placeholder={t('explain.placeholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="explain-input"
        />
        <Flex justify="flex-end">
          <Button type="primary" disabled={!text.trim()} onClick={() => void explain()} data-testid="explain-submit">
            {t('explain.submit')}
          </Button>
        </Flex>
        {found && found.length === 0 && <Empty description={t('explain.nothing')} />}
        {found?.map((d, i) => (
          <Card key={i} size="small" data-testid="explain-result">
            <Flex vertical gap={10}>
              <AdviceView advice={d.advice} causeId="explain-cause" fixId="explain-fix" />
              {d.fix_url && (
                <Button size="small" icon={<ExportOutlined />} onClick={() => openLink(d.fix_url!)} style={{ alignSelf: 'flex-start' }}>
                  {t('live.drawer.openFix')}
                </Button>
              )}
              <MissingScopes data={d.data} />
              {d.original && (
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                  {t('live.drawer.original')}：{d.original}
                </Typography.Text>
              )}
              <Collapse
                size="small"
                data-testid="explain-technical"
                items={[
                  {
                    key: 'technical',
                    forceRender: true,
                    label: t('live.drawer.technical'),
                    children: (
                      <Descriptions size="small" column={1} bordered>
                        <Descriptions.Item label={t('live.drawer.code')}>
                          <span className="mono" data-testid="explain-code">
                            {d.code}
                          </span>
                        </Descriptions.Item>
                        {d.errcode && (
                          <Descriptions.Item label={t('explain.errcode')}>
                            <span className="mono">{d.errcode}</span>
                          </Descriptions.Item>
                        )}
                      </Descriptions>
                    ),
                  },
                ]}
              />
            </Flex>
          </Card>
        ))}
      </Flex>
    </Drawer>
  );
}
