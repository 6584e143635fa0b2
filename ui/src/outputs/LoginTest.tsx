import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Flex, Result, Space, Spin, Typography } from 'antd';
import { CopyOutlined, LoginOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorCode, failureText, hasCode, useFail } from '../errors';
import { api, type CheckResult, type LoginStarted, type Text } from '../ipc';
import { useText } from '../i18n';
import CheckDrawer from '../checks/CheckDrawer';

type State =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'waiting'; started: LoginStarted }
  | { kind: 'done'; result: CheckResult; started: LoginStarted | null };

/** The optional login round trip: a real scan-to-login through a loopback redirect, ending in "signed in as …" or a precise diagnosis. */
/** The confirmation that the test's redirect URL was removed again (the core's
 * `login::REDIRECT_REMOVED`; until it is set, the binding report reminds the admin). */
export const REDIRECT_REMOVED = 'login_test.redirect_removed';

interface Props {
  profileId: string;
  practice: string | null;
  /** When the admin confirmed removing the redirect URL again, if they did. */
  removedAt: string | null;
  onRemoved: (removed: boolean) => void;
}

export default function LoginTest({ profileId, practice, removedAt, onRemoved }: Props) {
  const { t } = useTranslation();
  const tx = useText();
  const { message } = AntApp.useApp();
  const [redirect, setRedirect] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [details, setDetails] = useState<CheckResult | null>(null);
  // Why the test could not start, when the admin has something to fix first (kept on the card).
  const [problem, setProblem] = useState<Text | null>(null);
  const fail = useFail();

  useEffect(() => {
    void api.loginRedirectUrl().then(setRedirect);
  }, []);
  // Leaving the page stops listening.
  useEffect(() => () => void api.loginCancel(), []);

  const stopped = (e: unknown) => {
    setState({ kind: 'idle' });
    if (hasCode(e, ErrorCode.portBusy) || hasCode(e, ErrorCode.credentialsMissing)) setProblem(failureText(e));
    else fail(e);
  };
  const start = () => {
    setState({ kind: 'starting' });
    setProblem(null);
    api
      .loginStart(profileId)
      .then((started) => {
        if (started.preflight) {
          setState({ kind: 'done', result: started.preflight, started });
          return;
        }
        setState({ kind: 'waiting', started });
        return api.loginFinish().then((result) => setState({ kind: 'done', result, started }));
      })
      .catch(stopped);
  };
  const copy = (text: string) =>
    void api
      .copy(text)
      .then(() => message.success(t('url.copied')))
      .catch(fail);

  const result = state.kind === 'done' ? state.result : null;
  const started = state.kind === 'waiting' || state.kind === 'done' ? state.started : null;
  // Something odd about DingTalk's login page, seen by the wizard itself: shown, never blocking.
  const preflightWarning = started && !started.preflight ? started.preflight_warning : null;
  const loginCorpId = typeof result?.data.login_corp_id === 'string' ? result.data.login_corp_id : null;
  const corpLine =
    loginCorpId && (result?.status === 'ok' || result?.status === 'warn')
      ? result.data.corp_id_proved === true
        ? t('login.corpProved', { corpId: loginCorpId })
        : t('login.corpReturned', { corpId: loginCorpId })
      : null;
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('login.intro')}</Typography.Paragraph>
      <Card size="small" title={t('login.registerTitle')}>
        <Typography.Paragraph>{t('login.register')}</Typography.Paragraph>
        <Flex gap={8} align="center">
          <Typography.Text code className="mono" data-testid="login-redirect">
            {redirect ?? '…'}
          </Typography.Text>
          {redirect && (
            <Button size="small" icon={<CopyOutlined />} onClick={() => copy(redirect)}>
              {t('scan.copyLink')}
            </Button>
          )}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('login.registerNote')}
        </Typography.Paragraph>
      </Card>
      {practice && <Alert type="info" showIcon title={t('login.practice')} />}
      <Card size="small" title={t('login.cleanupTitle')} data-testid="login-cleanup">
        <Typography.Paragraph>{t('login.cleanup')}</Typography.Paragraph>
        <Checkbox checked={removedAt !== null} onChange={(e) => onRemoved(e.target.checked)} data-testid="login-redirect-removed">
          {t('login.cleanupDone')}
        </Checkbox>
      </Card>
      <Space>
        {state.kind === 'waiting' ? (
          <Button danger icon={<StopOutlined />} onClick={() => void api.loginCancel()} data-testid="login-cancel">
            {t('live.cancel')}
          </Button>
        ) : (
          <Button
            type="primary"
            icon={<LoginOutlined />}
            loading={state.kind === 'starting'}
            onClick={start}
            data-testid="login-start"
          >
            {result ? t('login.again') : t('login.start')}
          </Button>
        )}
      </Space>
      {problem && <Alert type="warning" showIcon title={tx(problem)} data-testid="login-problem" />}
      {preflightWarning && (
        <Alert
          type="warning"
          showIcon
          title={t('login.preflightWarning')}
          description={tx(preflightWarning)}
          data-testid="login-preflight-warning"
        />
      )}
      {state.kind === 'waiting' && (
        <Card size="small">
          <Flex gap={12} align="center">
            <Spin />
            <div>
              <Typography.Text strong>{t('login.waiting')}</Typography.Text>
              <div style={{ fontSize: 12, wordBreak: 'break-all', color: '#616161' }} className="mono">
                {state.started.auth_url}
              </div>
            </div>
          </Flex>
        </Card>
      )}
      {result && (
        <Result
          status={result.status === 'ok' ? 'success' : result.status === 'skipped' ? 'info' : 'error'}
          title={<span data-testid="login-result">{tx(result.message)}</span>}
          subTitle={
            <>
              {result.status === 'ok' ? t('login.proved') : result.fix ? tx(result.fix) : undefined}
              {corpLine && (
                <div style={{ marginTop: 4 }} data-testid="login-corp">
                  {corpLine}
                </div>
              )}
            </>
          }
          extra={
            <Button onClick={() => setDetails(result)} data-testid="login-details">
              {t('live.details')}
            </Button>
          }
          style={{ padding: '16px 0' }}
        />
      )}
      <CheckDrawer result={details} onClose={() => setDetails(null)} />
    </Flex>
  );
}
