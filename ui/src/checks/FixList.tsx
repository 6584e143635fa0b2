import { Card, Flex, Typography } from 'antd';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult, CheckRun, PlannedCheck, Text } from '../ipc';
import { useText } from '../i18n';
import MissingScopes from './MissingScopes';
import { missingScopes, type MissingScope } from './scopeApply';
import { StatusIcon } from './StatusIcon';

/** The first sentence of a text: the one line a list of fixes shows (the drawer has the rest). */
function firstSentence(s: string): string {
  const m = s.match(/^.*?(?:[。！？]|[.!?](?=\s|$))/s);
  return (m ? m[0] : s).trim();
}

/**
 * Failures first: after a run, every check that failed or warns, failures before warnings, each
 * with a one-line fix and its details. The missing permissions of all of them are merged into one
 * instruction with an apply button per permission, instead of one per check.
 */
const FixList = forwardRef<HTMLDivElement, { run: CheckRun; planned: PlannedCheck[]; onOpen: (r: CheckResult) => void }>(
  function FixList({ run, planned, onOpen }, ref) {
    const { t } = useTranslation();
    const tx = useText();
    const order = (r: CheckResult) => (r.status === 'fail' ? 0 : 1);
    const problems = run.checks.filter((c) => c.status === 'fail' || c.status === 'warn').sort((a, b) => order(a) - order(b));
    if (!problems.length) return null;
    const title = (id: string): Text | null => planned.find((p) => p.id === id)?.title ?? null;
    const scopes: MissingScope[] = [];
    const byScope: CheckResult[] = [];
    for (const c of problems) {
      const missing = missingScopes(c.data);
      if (!missing.length) continue;
      byScope.push(c);
      for (const s of missing) if (!scopes.some((x) => x.scope === s.scope)) scopes.push(s);
    }
    // A check whose whole problem is a missing permission is covered by the merged instruction.
    const rows = problems.filter((c) => !(c.code === 'missing_scope' && byScope.includes(c)));
    const mergedData = {
      required_scopes: scopes.map((s) => s.scope),
      scope_apply: scopes.filter((s) => s.url),
    };
    return (
      <Card
        ref={ref}
        size="small"
        title={t('live.fix.title', { count: rows.length + (scopes.length ? 1 : 0) })}
        data-testid="check-fixes"
      >
        <Flex vertical gap={12}>
          {scopes.length > 0 && (
            <Flex vertical gap={6} data-testid="fix-permissions">
              <Flex gap={10} align="flex-start">
                <span style={{ paddingTop: 2 }}>
                  <StatusIcon status="fail" />
                </span>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{t('live.fix.permissions', { count: scopes.length })}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('live.fix.permissionsHow')}
                    </Typography.Text>
                  </div>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('live.fix.affects', {
                        checks: byScope.map((c) => (title(c.id) ? tx(title(c.id)!) : c.id)).join(t('live.listSep')),
                      })}
                    </Typography.Text>
                  </div>
                </div>
              </Flex>
              <MissingScopes data={mergedData} idPrefix="fix-" />
            </Flex>
          )}
          {rows.map((c) => (
            <Flex key={c.id} gap={10} align="flex-start" data-testid={`fix-${c.id}`}>
              <span style={{ paddingTop: 2 }}>
                <StatusIcon status={c.status} />
              </span>
              <div style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong>{title(c.id) ? tx(title(c.id)!) : c.id}</Typography.Text>
                <div data-testid={`fix-line-${c.id}`}>
                  {c.advice ? (
                    // Where to go (in bold) and the first thing to do there; the drawer has the rest.
                    <Typography.Text style={{ fontSize: 13 }}>
                      {c.advice.place && (
                        <>
                          {t('live.fix.goTo')}
                          <Typography.Text strong>{tx(c.advice.place)}</Typography.Text>
                          {c.advice.steps.length > 0 && t('live.fix.after')}
                        </>
                      )}
                      {c.advice.steps[0] && tx(c.advice.steps[0])}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type={c.status === 'fail' ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
                      {firstSentence(tx(c.fix ?? c.message))}
                    </Typography.Text>
                  )}
                </div>
              </div>
              <Typography.Link onClick={() => onOpen(c)} style={{ flexShrink: 0 }}>
                {t('live.details')}
              </Typography.Link>
            </Flex>
          ))}
        </Flex>
      </Card>
    );
  },
);

export default FixList;
