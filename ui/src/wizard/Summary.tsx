import { Alert, Button, Card, Flex, List, Result, Space, Typography } from 'antd';
import { CheckCircleTwoTone, ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RunListItem, Template } from '../ipc';
import { verdictOf } from '../checks/useLastRun';
import { formatTime } from '../format';
import { useText } from '../i18n';
import type { Editor } from './useEditor';
import { CopyButton, UrlText } from './UrlList';
import ReportPanel from '../outputs/ReportPanel';
import ValueList from './ValueList';
import HandoffPanel from '../outputs/HandoffPanel';

interface Props {
  template: Template;
  editor: Editor;
  /** The newest kept live-test run; `undefined` while it loads. */
  lastRun: RunListItem | null | undefined;
}

/** The report page leads with what the last live test found; "all done" only when it found nothing
 * blocking against the real DingTalk and every step is done. */
export default function Summary({ template, editor, lastRun }: Props) {
  const { t } = useTranslation();
  const tx = useText();
  const { profile, evaluation } = editor;
  const pending = evaluation.steps.filter((s) => !s.complete);
  const verdict = verdictOf(lastRun);

  return (
    <Flex vertical gap={20}>
      {lastRun !== undefined && !(pending.length === 0 && verdict === 'clear') && (
        <Alert
          type={verdict === 'clear' ? 'success' : verdict === 'failing' ? 'error' : 'warning'}
          showIcon
          data-testid="summary-last-check"
          title={t(`summary.lastCheck.${verdict}`, { count: lastRun?.summary.fail ?? 0 })}
          description={lastRun ? t('summary.lastCheck.at', { time: formatTime(lastRun.started_at) }) : undefined}
          action={
            verdict !== 'clear' && (
              <Button size="small" onClick={() => editor.goTo('live')} data-testid="summary-go-live">
                {t('summary.lastCheck.go')}
              </Button>
            )
          }
        />
      )}
      {pending.length === 0 && verdict === 'clear' ? (
        <Result
          status="success"
          title={t('summary.allDone')}
          subTitle={t('summary.allDoneBody')}
          style={{ padding: '8px 0' }}
          data-testid="summary-all-done"
        />
      ) : pending.length === 0 ? null : (
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
        <ValueList template={template} editor={editor} fields={template.needs} testPrefix="summary" />
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

      {evaluation.break_glass && (
        <Card size="small" title={t('summary.breakGlass.title')} data-testid="summary-break-glass">
          <Typography.Paragraph type="secondary">{t('summary.breakGlass.intro')}</Typography.Paragraph>
          {evaluation.break_glass.login_url_pattern && (
            <Typography.Paragraph data-testid="break-glass-login">
              <Typography.Text strong>{t('summary.breakGlass.login')}</Typography.Text>
              {evaluation.break_glass.login_url ? (
                <>
                  <UrlText url={evaluation.break_glass.login_url} />
                  <CopyButton text={evaluation.break_glass.login_url} />
                </>
              ) : (
                <Typography.Text type="secondary">{t('summary.breakGlass.pending')}</Typography.Text>
              )}
            </Typography.Paragraph>
          )}
          {evaluation.break_glass.switch_off && (
            <Typography.Paragraph data-testid="break-glass-switch-off">
              <Typography.Text strong>{t('summary.breakGlass.switchOff')}</Typography.Text>
              {tx(evaluation.break_glass.switch_off)}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('summary.breakGlass.source')}
            {evaluation.break_glass.source}
          </Typography.Text>
        </Card>
      )}

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
