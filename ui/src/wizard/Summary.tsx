import { useState } from 'react';
import { Button, Card, Descriptions, Flex, List, Result, Space, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, ClockCircleOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Field, type Template } from '../ipc';
import { useText } from '../i18n';
import { useFieldInfo } from '../context';
import type { Editor } from './useEditor';
import { CopyButton, UrlText } from './UrlList';
import ReportPanel from '../outputs/ReportPanel';
import HandoffPanel from '../outputs/HandoffPanel';

function SecretValue({ profileId, field, masked }: { profileId: string; field: Field; masked: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  return (
    <Space>
      <span className="mono" data-testid={`summary-secret-${field}`}>
        {shown ?? masked}
      </span>
      <Button
        size="small"
        type="link"
        icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
        data-testid={`summary-reveal-${field}`}
        onClick={() => (shown ? setShown(null) : void api.revealSecret(profileId, field).then(setShown))}
      >
        {shown ? t('field.hide') : t('field.reveal')}
      </Button>
    </Space>
  );
}

export default function Summary({ template, editor }: { template: Template; editor: Editor }) {
  const { t } = useTranslation();
  const tx = useText();
  const fieldInfo = useFieldInfo();
  const { profile, evaluation } = editor;
  const pending = evaluation.steps.filter((s) => !s.complete);

  return (
    <Flex vertical gap={20}>
      {pending.length === 0 ? (
        <Result status="success" title={t('summary.allDone')} subTitle={t('summary.allDoneBody')} style={{ padding: '8px 0' }} />
      ) : (
        <Card size="small" title={t('summary.notDone', { count: pending.length })}>
          <List
            size="small"
            dataSource={pending}
            renderItem={(s) => {
              const step = template.steps.find((x) => x.id === s.id);
              return (
                <List.Item
                  actions={[
                    <Button key="go" size="small" onClick={() => editor.goTo(s.id)}>
                      {t('summary.goTo')}
                    </Button>,
                  ]}
                >
                  <Space>
                    <ClockCircleOutlined style={{ color: '#faad14' }} />
                    {step ? tx(step.title) : s.id}
                  </Space>
                </List.Item>
              );
            }}
          />
        </Card>
      )}
      <ReportPanel profileId={profile.id} />
      <HandoffPanel profileId={profile.id} />

      <Card size="small" title={t('summary.values')}>
        <Descriptions column={1} size="small" bordered data-testid="summary-values">
          {template.needs.map((f) => {
            const verdict = evaluation.fields[f];
            const set = verdict && verdict.code !== 'empty';
            return (
              <Descriptions.Item key={f} label={tx(fieldInfo(f).label)}>
                {!set ? (
                  <Typography.Text type="secondary">{t('summary.notSet')}</Typography.Text>
                ) : fieldInfo(f).secret ? (
                  <SecretValue profileId={profile.id} field={f} masked={verdict.value} />
                ) : (
                  <Space>
                    <span className={f === 'corp_name' ? undefined : 'mono'} data-testid={`summary-${f}`}>
                      {verdict.value}
                    </span>
                    {!verdict.ok && <Tag color="error">{tx(verdict.message)}</Tag>}
                  </Space>
                )}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      </Card>

      <Card size="small" title={t('summary.urls')}>
        <List
          dataSource={evaluation.urls}
          renderItem={(u) => (
            <List.Item data-testid={`summary-url-${u.name}`} actions={u.url ? [<CopyButton key="c" text={u.url} />] : []}>
              <List.Item.Meta
                title={tx(u.label)}
                description={
                  <>
                    {u.url ? <UrlText url={u.url} /> : <Typography.Text type="secondary">{t('summary.notSet')}</Typography.Text>}
                    <div style={{ fontSize: 12 }}>
                      {t('url.pasteInto')}
                      {tx(u.destination)}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" title={t('summary.steps')}>
        <List
          size="small"
          dataSource={template.steps}
          renderItem={(step, i) => {
            const state = evaluation.steps.find((s) => s.id === step.id);
            return (
              <List.Item>
                <Space>
                  {state?.complete ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined style={{ color: '#faad14' }} />}
                  {i + 1}. {tx(step.title)}
                </Space>
              </List.Item>
            );
          }}
        />
      </Card>
    </Flex>
  );
}
