// Support view: what a customer's report says, at a glance — what failed, real DingTalk or
// practice, which app version, when (the customer's own time with its offset) — and a text to send
// back that tells them what to fix and to check again. Support never asks for their secrets.
import { Alert, Card, Descriptions, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordedRun } from '../ipc';
import { useText } from '../i18n';
import { senderTime } from '../format';
import Backticks from '../components/Backticks';
import { CopyButton } from '../wizard/UrlList';
import { SummaryTags } from './RunHistory';
import { missingScopes } from '../checks/scopeApply';

export default function SupportSummary({ imported }: { imported: RecordedRun }) {
  const { t } = useTranslation();
  const tx = useText();
  const { run, origin } = imported;
  const failed = run.checks.filter((c) => c.status === 'fail');
  // Missing permissions become one instruction, as on the live test, not one paragraph each.
  const scopes = [...new Set(failed.flatMap((c) => missingScopes(c.data).map((m) => m.scope)))];
  const others = failed.filter((c) => !(c.code === 'missing_scope' && missingScopes(c.data).length));
  const when = origin ? senderTime(origin.generated_at) : senderTime(run.started_at);
  const lines = [
    ...(scopes.length ? [t('support.message.permissions', { count: scopes.length, scopes: scopes.join(t('support.message.sep')) })] : []),
    ...others.map((c) => `${tx(c.title)}${c.fix ? t('support.itemFix', { fix: tx(c.fix).replaceAll('`', '') }) : ''}`),
  ];
  const items = lines.map((line, i) => `${i + 1}. ${line}`);
  const message = [
    t('support.message.hello', { when }),
    lines.length ? t('support.message.failed', { count: lines.length }) : t('support.message.clear'),
    ...items,
    t('support.message.again'),
  ].join('\n');

  return (
    <Card size="small" title={t('support.title', { name: origin?.profile_name ?? '' })} data-testid="support-summary">
      <Flex vertical gap={12}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('support.when')}>
            <span data-testid="support-when">{when}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('support.target')}>
            <span data-testid="support-target">
              {run.practice ? t('support.practice', { scenario: tx(run.practice.title) }) : t('support.real')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('support.version')}>{origin?.app_version ?? t('support.unknown')}</Descriptions.Item>
          <Descriptions.Item label={t('support.result')}>
            <SummaryTags summary={run.summary} />
          </Descriptions.Item>
        </Descriptions>
        {run.practice && <Alert type="warning" showIcon title={t('support.practiceWarning')} />}
        {failed.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{t('support.failures')}</Typography.Text>}
            dataSource={failed}
            data-testid="support-failures"
            renderItem={(c) => (
              <List.Item>
                <Flex vertical>
                  <Typography.Text strong>{tx(c.title)}</Typography.Text>
                  {c.fix && (
                    <Typography.Text>
                      <Backticks text={tx(c.fix)} />
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
        <div>
          <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
            <Typography.Text strong>{t('support.tell')}</Typography.Text>
            <CopyButton size="small" text={message} testId="support-copy" />
          </Flex>
          <Typography.Paragraph className="support-message" data-testid="support-message">
            {message}
          </Typography.Paragraph>
        </div>
      </Flex>
    </Card>
  );
}
