import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CheckRun, PlannedCheck } from '../ipc';
import { useText } from '../i18n';

/**
 * What the last run proved, and what it did not. A run with no failure is never "the binding
 * works": it checked this computer's egress IP (not the platform server's), cannot scan with a
 * phone, and leaves the manual items and warnings to a person; in practice mode nothing is real.
 */
export default function RunVerdict({
  run,
  planned,
  onShowFailures,
}: {
  run: CheckRun;
  planned: PlannedCheck[];
  /** Brings the list of failures into view. */
  onShowFailures: () => void;
}) {
  const { t } = useTranslation();
  const tx = useText();
  if (run.cancelled) {
    return (
      <Typography.Text strong data-testid="check-verdict" type="danger">
        {t('live.cancelled')}
      </Typography.Text>
    );
  }
  if (run.summary.fail > 0) {
    return (
      <Typography.Link strong data-testid="check-verdict" type="danger" onClick={onShowFailures}>
        {t('live.someFail', { count: run.summary.fail })}
      </Typography.Link>
    );
  }
  const title = (id: string) => {
    const p = planned.find((c) => c.id === id);
    return p ? tx(p.title) : id;
  };
  const manual = run.checks.filter((c) => c.status === 'manual').map((c) => title(c.id));
  const unproven = [
    ...(run.practice ? [t('live.unproven.practice', { scenario: tx(run.practice.title) })] : []),
    t('live.unproven.serverIp'),
    t('live.unproven.phone'),
    ...(manual.length ? [t('live.unproven.manual', { count: manual.length, items: manual.join(t('live.listSep')) })] : []),
    ...(run.summary.warn ? [t('live.unproven.warn', { count: run.summary.warn })] : []),
  ];
  return (
    <Flex vertical gap={4} style={{ minWidth: 0 }}>
      <Typography.Text strong data-testid="check-verdict" type="success">
        {t('live.noBlocking')}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('live.unproven.title')}
      </Typography.Text>
      <ul data-testid="check-unproven" style={{ margin: 0, paddingInlineStart: 20, fontSize: 13 }}>
        {unproven.map((u) => (
          <li key={u}>{u}</li>
        ))}
      </ul>
    </Flex>
  );
}
