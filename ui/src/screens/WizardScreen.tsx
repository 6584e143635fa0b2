import { useEffect, useRef } from 'react';
import { Button, Card, Flex, Layout, Progress, Steps, Tooltip, Typography } from 'antd';
import {
  CheckCircleFilled,
  CloudSyncOutlined,
  ExclamationCircleFilled,
  FileDoneOutlined,
  HistoryOutlined,
  LeftOutlined,
  LoginOutlined,
  QrcodeOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../ipc';
import { useTemplate } from '../context';
import { useText } from '../i18n';
import { formatClock } from '../format';
import { useEditor, type SaveState } from '../wizard/useEditor';
import StepPanel, { StepConfirm } from '../wizard/StepPanel';
import Summary from '../wizard/Summary';
import LiveTest from '../checks/LiveTest';
import { useChecks } from '../checks/useChecks';
import { useLastRun, verdictOf, type Verdict } from '../checks/useLastRun';
import ScanCodes from '../outputs/ScanCodes';
import RunHistory from '../outputs/RunHistory';
import SyncPreviewPage from '../outputs/SyncPreview';
import LoginTest, { REDIRECT_REMOVED } from '../outputs/LoginTest';

/** The wizard's own pages after the template's steps, in order. `summary` is the last. */
const PAGES = ['scan_codes', 'login_test', 'live', 'sync_preview', 'history', 'summary'] as const;
type Page = (typeof PAGES)[number];
type Status = 'finish' | 'process' | 'error' | 'wait';

const PAGE_ICONS: Record<Page, React.ReactNode> = {
  scan_codes: <QrcodeOutlined />,
  login_test: <LoginOutlined />,
  live: <SafetyCertificateOutlined />,
  sync_preview: <TeamOutlined />,
  history: <HistoryOutlined />,
  summary: <FileDoneOutlined />,
};

function pageStatus(page: Page, verdict: Verdict, complete: boolean): Exclude<Status, 'process'> {
  switch (page) {
    case 'live':
      return verdict === 'failing' ? 'error' : verdict === 'clear' ? 'finish' : 'wait';
    case 'summary':
      // Done only when every step is and the last check found nothing blocking.
      return complete && verdict === 'clear' ? 'finish' : 'wait';
    default:
      return 'wait';
  }
}

/** The side bar's second line: what the last live test found (or that there was none). */
function VerifyLine({ verdict, fail }: { verdict: Verdict; fail: number }) {
  const { t } = useTranslation();
  const type = verdict === 'failing' ? 'danger' : verdict === 'clear' ? 'success' : 'secondary';
  return (
    <Typography.Text type={type} style={{ fontSize: 12, display: 'block' }} data-testid="verify-progress">
      {t(`wizard.verify.${verdict}`, { count: fail })}
    </Typography.Text>
  );
}

function SaveIndicator({ save }: { save: SaveState }) {
  const { t } = useTranslation();
  const tx = useText();
  if (save.kind === 'failed')
    return (
      <Typography.Text type="danger" data-testid="save-state">
        <ExclamationCircleFilled /> {t('save.failed', { error: tx(save.error) })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="save-state">
      {save.kind === 'saving' ? (
        <>
          <CloudSyncOutlined /> {t('save.saving')}
        </>
      ) : (
        <>
          <CheckCircleFilled style={{ color: '#52c41a' }} /> {t('save.saved', { time: formatClock(save.at) })}
        </>
      )}
    </Typography.Text>
  );
}

export default function WizardScreen({ initial, practice }: { initial: ProfileView; practice: string | null }) {
  const { t } = useTranslation();
  const tx = useText();
  const editor = useEditor(initial);
  const checks = useChecks(initial.profile.id);
  const lastRun = useLastRun(initial.profile.id, checks.run);
  const verdict = verdictOf(lastRun);
  const template = useTemplate(initial.profile.template_id)!;
  const { profile, evaluation } = editor;
  const bodyRef = useRef<HTMLDivElement>(null);

  const order: string[] = [...template.steps.map((s) => s.id), ...PAGES];
  const index = Math.max(0, order.indexOf(profile.current_step));
  const step = template.steps[index];
  const page: Page | null = step ? null : (order[index] as Page);
  const state = evaluation.steps.find((s) => s.id === step?.id);
  const done = evaluation.steps.filter((s) => s.complete).length;
  const total = template.steps.length;
  const go = (i: number) => editor.goTo(order[Math.min(Math.max(i, 0), order.length - 1)]!);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each new step starts at its top
  useEffect(() => {
    bodyRef.current?.querySelector('.ant-card-body')?.scrollTo({ top: 0 });
  }, [index]);

  // Enter moves on once the step is complete (not from buttons or multi-line inputs).
  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || target.tagName === 'BUTTON' || target.tagName === 'TEXTAREA') return;
    if (step && state?.complete) {
      e.preventDefault();
      go(index + 1);
    }
  };

  // Two groups, as the admin works through them: the template's numbered setup steps, then the
  // wizard's own pages to verify and hand over (icons, not numbers, so the count stays honest).
  const setupItems = template.steps.map((s) => {
    const st = evaluation.steps.find((x) => x.id === s.id);
    const status: Status =
      s.id === profile.current_step ? 'process' : st?.complete ? 'finish' : st?.invalid.length ? 'error' : 'wait';
    return { title: tx(s.title), status, 'data-testid': `step-nav-${s.id}` };
  });
  const pageItems = PAGES.map((p) => ({
    title: t(`pages.${p}.title`),
    icon: PAGE_ICONS[p],
    status: (profile.current_step === p || (p === 'live' && checks.running)
      ? 'process'
      : pageStatus(p, verdict, evaluation.complete)) as Status,
    'data-testid': `step-nav-${p}`,
  }));
  const heading = page ? t(`pages.${page}.heading`) : t('wizard.stepOf', { n: index + 1, total });
  const title = step ? tx(step.title) : t(`pages.${page}.long`);
  const last = index === order.length - 1;
  const nextLabel = page
    ? t(`pages.${order[index + 1] as Page}.next`, { defaultValue: t('wizard.next') })
    : index === total - 1
      ? t('pages.scan_codes.next')
      : state?.complete
        ? t('wizard.next')
        : t('wizard.skip');

  return (
    <Layout style={{ flex: 1, minHeight: 0 }}>
      <Layout.Sider width={290} theme="light" style={{ borderRight: '1px solid #e8ebf0', overflow: 'auto' }}>
        <div style={{ padding: '18px 20px 8px' }}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 4 }} data-testid="template-name">
            {tx(template.name)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="setup-progress">
            {t('wizard.progress', { done, total })}
          </Typography.Text>
          <Progress percent={Math.round((done / total) * 100)} size="small" showInfo={false} aria-label={t('wizard.progress', { done, total })} data-testid="progress" />
          <VerifyLine verdict={verdict} fail={lastRun?.summary.fail ?? 0} />
        </div>
        <Steps
          className="wizard-steps"
          orientation="vertical"
          size="small"
          current={index < total ? index : -1}
          onChange={go}
          items={setupItems}
          style={{ padding: '4px 20px 8px' }}
        />
        <Typography.Text type="secondary" className="steps-group">
          {t('wizard.verifyAndDeliver')}
        </Typography.Text>
        <Steps
          className="wizard-steps"
          orientation="vertical"
          size="small"
          current={index >= total ? index - total : -1}
          onChange={(i) => go(total + i)}
          items={pageItems}
          style={{ padding: '4px 20px 20px' }}
        />
      </Layout.Sider>
      {/* The card fills the window: its body scrolls, its head and its footer (the step's
          confirmations, Back and Next) stay on screen at any window size. */}
      <Layout.Content ref={bodyRef} className="wizard-content" onKeyDown={onKeyDown}>
        <Card
          className="wizard-card"
          title={
            <Flex vertical style={{ padding: '14px 0' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                {heading}
              </Typography.Text>
              <Typography.Title level={4} style={{ margin: '2px 0 0' }} data-testid="step-title">
                {title}
              </Typography.Title>
            </Flex>
          }
          extra={<SaveIndicator save={editor.save} />}
          actions={[
            <Flex key="nav" vertical gap={10} style={{ padding: '0 24px', textAlign: 'start' }}>
              {step && <StepConfirm step={step} editor={editor} />}
              <Flex justify="space-between" align="center">
                <Button icon={<LeftOutlined />} disabled={index === 0} onClick={() => go(index - 1)} data-testid="back">
                  {t('wizard.back')}
                </Button>
                {!last && (
                  <Tooltip title={page ? undefined : state?.complete ? t('wizard.enterHint') : t('wizard.incomplete')}>
                    <Button type={page || state?.complete ? 'primary' : 'default'} onClick={() => go(index + 1)} data-testid="next">
                      {nextLabel}
                      <RightOutlined />
                    </Button>
                  </Tooltip>
                )}
              </Flex>
            </Flex>,
          ]}
        >
          {step ? (
            <StepPanel key={step.id} template={template} step={step} editor={editor} checks={checks} />
          ) : page === 'scan_codes' ? (
            <ScanCodes view={{ profile, evaluation }} practice={practice} />
          ) : page === 'login_test' ? (
            <LoginTest
              profileId={profile.id}
              practice={practice}
              removedAt={profile.confirmations[REDIRECT_REMOVED] ?? null}
              onRemoved={(removed) =>
                editor.update((p) => {
                  if (removed) p.confirmations[REDIRECT_REMOVED] = new Date().toISOString();
                  else delete p.confirmations[REDIRECT_REMOVED];
                })
              }
            />
          ) : page === 'live' ? (
            <LiveTest checks={checks} />
          ) : page === 'sync_preview' ? (
            <SyncPreviewPage profileId={profile.id} practice={practice} />
          ) : page === 'history' ? (
            <RunHistory
              profileId={profile.id}
              refreshKey={checks.run}
            />
          ) : (
            <Summary template={template} editor={editor} lastRun={lastRun} />
          )}
        </Card>
      </Layout.Content>
    </Layout>
  );
}
