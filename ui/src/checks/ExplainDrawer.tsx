import { useState } from 'react';
import { Button, Card, Drawer, Empty, Flex, Input, Tag, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Diagnosis } from '../ipc';
import { useText } from '../i18n';
import MissingScopes from './MissingScopes';
import { useOpenLink } from '../useOpenLink';
import { useFail } from '../errors';

/** "我有一条报错": paste an errcode, a JSON body or a log line; get cause, fix and where to click. */
export default function ExplainDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const tx = useText();
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
          <Card
            key={i}
            size="small"
            data-testid="explain-result"
            title={
              <Flex gap={8} align="center" wrap>
                <Tag color={d.code === 'unknown' ? 'default' : 'error'} className="mono">
                  {d.code}
                </Tag>
                {d.errcode && <span className="mono">{d.errcode}</span>}
              </Flex>
            }
          >
            <Flex vertical gap={10}>
              <div>
                <Typography.Text strong>{t('live.drawer.cause')}：</Typography.Text>
                <span data-testid="explain-cause">{tx(d.cause)}</span>
              </div>
              <div>
                <Typography.Text strong>{t('live.drawer.fix')}：</Typography.Text>
                <span data-testid="explain-fix">{tx(d.fix)}</span>
              </div>
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
            </Flex>
          </Card>
        ))}
      </Flex>
    </Drawer>
  );
}
