import { useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Input, List, Progress, Space, Typography } from 'antd';
import { DownOutlined, PlayCircleOutlined, ReloadOutlined, RightOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CheckResult, PlannedCheck } from '../ipc';
import { useText } from '../i18n';
import type { Checks } from './useChecks';
import CheckDrawer from './CheckDrawer';
import FixList from './FixList';
import RunVerdict from './RunVerdict';
import { StatusIcon } from './StatusIcon';

type Group = 'platform' | 'dingtalk' | 'scopes' | 'contacts' | 'other';

export function groupOf(id: string): Group {
  if (id.startsWith('domain.') || id.startsWith('url.')) return 'platform';
  if (id.startsWith('scope.')) return 'scopes';
  if (id.startsWith('contact.')) return 'contacts';
  if (/^(clock|credentials|network|app|sso)\./.test(id)) return 'dingtalk';
  return 'other';
}

const GROUPS: Group[] = ['dingtalk', 'scopes', 'contacts', 'platform', 'other'];

/** The live-test step: every check from spinner to result as it finishes, details per check, Rerun, Cancel. */
export default function LiveTest({ checks }: { checks: Checks }) {
  const { t } = useTranslation();
  const tx = useText();
  const [userid, setUserid] = useState('');
  const [open, setOpen] = useState<CheckResult | null>(null);
  // Groups whose passed checks are shown; after a run they start folded (failures first).
  const [shownPasses, setShownPasses] = useState<Partial<Record<Group, boolean>>>({});
  const fixes = useRef<HTMLDivElement>(null);
  const { planned, results, run, running } = checks;
  const done = planned.filter((p) => results[p.id]).length;
  const failed = Object.values(results).filter((r) => r.status === 'fail').length;
  const start = () => checks.start({ message_userid: userid.trim() || null });

  const row = (p: PlannedCheck) => {
    const r = results[p.id];
    return (
      <List.Item
        key={p.id}
        data-testid={`check-${p.id}`}
        data-status={r?.status ?? 'pending'}
        style={{ cursor: r ? 'pointer' : undefined, padding: '10px 4px' }}
        onClick={() => r && setOpen(r)}
        actions={r ? [<Typography.Link key="d">{t('live.details')}</Typography.Link>] : []}
      >
        <Flex gap={12} align="flex-start" style={{ minWidth: 0 }}>
          <span style={{ paddingTop: 2 }}>
            <StatusIcon status={r?.status} />
          </span>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{tx(p.title)}</Typography.Text>
            <div>
              <Typography.Text type={r?.status === 'fail' ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
                {r ? tx(r.message) : t('live.status.pending')}
              </Typography.Text>
            </div>
          </div>
        </Flex>
      </List.Item>
    );
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('live.intro')}</Typography.Paragraph>
      <Flex gap={12} align="flex-end" wrap>
        <div style={{ flex: 1, minWidth: 260 }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('live.messageUser')}
          </Typography.Text>
          <Input
            className="mono"
            value={userid}
            placeholder={t('live.messageUserHint')}
            onChange={(e) => setUserid(e.target.value)}
            data-testid="message-userid"
            disabled={running}
          />
        </div>
        <Space>
          {running ? (
            <Button danger icon={<StopOutlined />} onClick={checks.cancel} data-testid="cancel-checks">
              {t('live.cancel')}
            </Button>
          ) : (
            <Button
              type="primary"
              icon={run ? <ReloadOutlined /> : <PlayCircleOutlined />}
              onClick={start}
              data-testid="run-checks"
            >
              {run ? t('live.rerun') : t('live.start')}
            </Button>
          )}
        </Space>
      </Flex>

      {checks.error && <Alert type="error" showIcon title={tx(checks.error)} />}
      {planned.length > 0 && (
        <Card size="small">
          <Flex vertical gap={6}>
            <Progress
              percent={Math.round((done / planned.length) * 100)}
              status={running ? 'active' : failed ? 'exception' : 'success'}
              aria-label={t('live.progressLabel')}
              data-testid="check-progress"
            />
            {run && (
              <Flex justify="space-between" wrap gap={8} align="flex-start">
                <RunVerdict
                  run={run}
                  planned={planned}
                  onShowFailures={() => fixes.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' })}
                />
                <Typography.Text type="secondary" data-testid="check-summary">
                  {t('live.summary', run.summary)} · {t('live.took', { ms: run.duration_ms })}
                </Typography.Text>
              </Flex>
            )}
            {run?.deadline_hit && <Alert type="warning" showIcon title={t('live.deadline')} />}
          </Flex>
        </Card>
      )}

      {run && !running && <FixList ref={fixes} run={run} planned={planned} onOpen={setOpen} />}

      {GROUPS.map((g) => {
        const items = planned.filter((p) => groupOf(p.id) === g);
        if (!items.length) return null;
        // While running every row streams in place; once done, what passed folds away.
        const fold = !!run && !running;
        const passed = fold ? items.filter((p) => results[p.id]?.status === 'ok') : [];
        const rest = items.filter((p) => !passed.includes(p));
        const shown = !!shownPasses[g];
        return (
          <Card key={g} size="small" title={t(`live.groups.${g}`)} styles={{ body: { padding: '0 12px' } }}>
            {rest.length > 0 && <List dataSource={rest} renderItem={row} />}
            {passed.length > 0 && (
              <>
                <Button
                  type="link"
                  size="small"
                  icon={shown ? <DownOutlined /> : <RightOutlined />}
                  aria-expanded={shown}
                  onClick={() => setShownPasses((s) => ({ ...s, [g]: !shown }))}
                  data-testid={`passes-${g}`}
                  style={{ padding: '8px 0' }}
                >
                  {t('live.passes', { count: passed.length })}
                </Button>
                <div hidden={!shown}>
                  <List dataSource={passed} renderItem={row} />
                </div>
              </>
            )}
          </Card>
        );
      })}
      <CheckDrawer result={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
