// The login round trip: the redirect URL to register, then start → waiting for the scan → "已登录：…"
// or the failure with its fix. DingTalk visibly refusing the redirect URL up front (preflight) ends
// the test without waiting; anything else odd about the login page is a warning beside the wait.
// A passed login shows the CorpId DingTalk returned. Cancel stops the wait, and leaving the page does too.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { CheckResult, LoginStarted } from '../ipc/bindings';
import { api, failure } from '../test/mockApi';
import { renderWithApp } from '../test/render';
import LoginTest from './LoginTest';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const REDIRECT = 'http://127.0.0.1:27180/dingbind/login';
const AUTH_URL =
  'https://login.dingtalk.com/oauth2/auth?redirect_uri=http%3A%2F%2F127.0.0.1%3A27180%2Fdingbind%2Flogin&response_type=code&client_id=dingq3xvmfkwz8rtnpey&scope=openid%20corpid&state=k2v9&prompt=consent';

const text = (zh: string, en = zh) => ({ zh, en });

function loginResult(status: CheckResult['status'], message: string, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'login.redirect',
    title: text('扫码登录往返测试', 'Web login round trip'),
    status,
    code: null,
    data: { redirect_url: REDIRECT },
    message: text(message),
    fix: null,
    fix_url: null,
    advice: null,
    original: null,
    duration_ms: 8400,
    skipped_because: [],
    trace: [],
    ...extra,
  };
}

const SIGNED_IN = loginResult('ok', '已登录：王建国 (manager4220) · 示例科技有限公司');
const NOT_MEMBER = loginResult('fail', '扫码的人不是这个企业的成员', {
  code: 'http_status',
  fix: text('请用本企业的钉钉账号扫码；企业内部应用不支持跨组织登录。'),
});
const NOT_REGISTERED = loginResult('fail', '钉钉不认这个重定向地址', {
  code: 'redirect_not_registered',
  fix: text(`要登记的重定向URL：${REDIRECT}\n在 开发配置 › 安全设置 › 重定向URL 添加后重试。`),
});
const CANCELLED = loginResult('skipped', '已取消登录测试', { data: { redirect_url: REDIRECT, cancelled: true } });

const CORP_ID = 'ding5084aa896d73d7f1';
const PROVED = loginResult('ok', '已登录：王建国 (manager4220) · 示例科技有限公司', {
  data: { redirect_url: REDIRECT, login_corp_id: CORP_ID, corp_id_proved: true },
});
const WARNING = text(
  '向导自己打开钉钉登录页时，钉钉回答了 HTTP 403。浏览器仍会照常打开登录页，扫码后的回调才算数。',
  'When the wizard itself opened DingTalk’s login page, DingTalk answered HTTP 403. The browser opens the login page anyway.',
);

const started = (preflight: CheckResult | null = null, preflight_warning: LoginStarted['preflight_warning'] = null): LoginStarted => ({
  redirect_url: REDIRECT,
  auth_url: AUTH_URL,
  preflight,
  preflight_warning,
});

/** loginFinish waits until the test says how the scan went. */
function controlledFinish() {
  let finish: (r: CheckResult) => void = () => {};
  let fail: (e: Error) => void = () => {};
  api.loginFinish.mockImplementation(
    () =>
      new Promise<CheckResult>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      }),
  );
  return { finish: (r: CheckResult) => finish(r), fail: (e: Error) => fail(e) };
}

describe('login test', () => {
  it('shows the redirect URL to register and copies it', async () => {
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId('login-redirect')).toHaveTextContent(REDIRECT));
    expect(api.loginRedirectUrl).toHaveBeenCalledTimes(1);
    expect(screen.getByText('先在钉钉后台登记这个重定向地址')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /复制链接/ }));
    expect(api.copy).toHaveBeenCalledWith(REDIRECT);
    expect(await screen.findByText('已复制')).toBeInTheDocument();
    expect(screen.getByTestId('login-start')).toHaveTextContent('开始登录测试');
    expect(screen.queryByTestId('login-result')).not.toBeInTheDocument();
  });

  it('waits for the scan, then says who signed in', async () => {
    api.loginStart.mockResolvedValue(started());
    const ctl = controlledFinish();
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    expect(api.loginStart).toHaveBeenCalledTimes(1);

    expect(await screen.findByText('已在浏览器打开钉钉登录页，请用手机钉钉扫码并确认…（5 分钟内有效）')).toBeInTheDocument();
    expect(screen.getByText(AUTH_URL)).toBeInTheDocument();
    expect(api.loginFinish).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('login-cancel')).toBeInTheDocument();
    expect(screen.queryByTestId('login-start')).not.toBeInTheDocument();

    ctl.finish(SIGNED_IN);
    await waitFor(() => expect(screen.getByTestId('login-result')).toHaveTextContent('已登录：王建国 (manager4220) · 示例科技有限公司'));
    expect(screen.getByText(/下一次实时检测会把它记为通过/)).toBeInTheDocument();
    expect(screen.queryByText(/已在浏览器打开钉钉登录页/)).not.toBeInTheDocument();
    expect(screen.queryByTestId('login-cancel')).not.toBeInTheDocument();
    expect(screen.getByTestId('login-start')).toHaveTextContent('再测一次');
    expect(document.querySelector('.ant-result-success')).not.toBeNull();
  });

  it('shows a failure with its fix, and the details on request', async () => {
    api.loginStart.mockResolvedValue(started());
    api.loginFinish.mockResolvedValue(NOT_MEMBER);
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    await waitFor(() => expect(screen.getByTestId('login-result')).toHaveTextContent('扫码的人不是这个企业的成员'));
    expect(screen.getByText('请用本企业的钉钉账号扫码；企业内部应用不支持跨组织登录。')).toBeInTheDocument();
    expect(document.querySelector('.ant-result-error')).not.toBeNull();

    await user.click(screen.getByTestId('login-details'));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('扫码登录往返测试')).toBeInTheDocument();
  });

  it('ends at the preflight result without waiting for a scan', async () => {
    api.loginStart.mockResolvedValue(started(NOT_REGISTERED));
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    await waitFor(() => expect(screen.getByTestId('login-result')).toHaveTextContent('钉钉不认这个重定向地址'));
    expect(screen.getByText(/要登记的重定向URL：http:\/\/127\.0\.0\.1:27180\/dingbind\/login/)).toBeInTheDocument();
    expect(api.loginFinish).not.toHaveBeenCalled();
    expect(screen.queryByTestId('login-cancel')).not.toBeInTheDocument();
    expect(screen.queryByText(/已在浏览器打开钉钉登录页/)).not.toBeInTheDocument();
    expect(screen.getByTestId('login-start')).toHaveTextContent('再测一次');
  });

  it('shows a preflight warning beside the wait without stopping the test', async () => {
    api.loginStart.mockResolvedValue(started(null, WARNING));
    const ctl = controlledFinish();
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    const warning = await screen.findByTestId('login-preflight-warning');
    expect(warning).toHaveTextContent('向导预先检查钉钉登录页时发现异常');
    expect(warning).toHaveTextContent('钉钉回答了 HTTP 403');
    expect(screen.getByText('已在浏览器打开钉钉登录页，请用手机钉钉扫码并确认…（5 分钟内有效）')).toBeInTheDocument();
    expect(api.loginFinish).toHaveBeenCalledTimes(1);

    ctl.finish(PROVED);
    await waitFor(() => expect(screen.getByTestId('login-result')).toHaveTextContent('已登录：王建国'));
    // The warning stays beside the result it did not decide.
    expect(screen.getByTestId('login-preflight-warning')).toBeInTheDocument();
  });

  it('shows no warning without one', async () => {
    api.loginStart.mockResolvedValue(started());
    api.loginFinish.mockResolvedValue(SIGNED_IN);
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    await screen.findByTestId('login-result');
    expect(screen.queryByTestId('login-preflight-warning')).not.toBeInTheDocument();
    expect(screen.queryByTestId('login-corp')).not.toBeInTheDocument();
  });

  it('says the login proved the CorpId', async () => {
    api.loginStart.mockResolvedValue(started());
    api.loginFinish.mockResolvedValue(PROVED);
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    await waitFor(() => expect(screen.getByTestId('login-corp')).toHaveTextContent(
      `CorpId 已证实：钉钉说这次登录就在 CorpId 为 ${CORP_ID} 的企业里，与填写的 CorpId 一致`,
    ));
    expect(screen.getByText(/下一次实时检测会把它记为通过/)).toBeInTheDocument();
  });

  it('names the CorpId DingTalk returned when none was entered', async () => {
    api.loginStart.mockResolvedValue(started());
    api.loginFinish.mockResolvedValue(
      loginResult('ok', '已登录：王建国 (manager4220)', { data: { redirect_url: REDIRECT, login_corp_id: CORP_ID } }),
    );
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    await waitFor(() => expect(screen.getByTestId('login-corp')).toHaveTextContent(`钉钉说这次登录所在企业的 CorpId 是 ${CORP_ID}。`));
  });

  it('cancels the wait', async () => {
    api.loginStart.mockResolvedValue(started());
    const ctl = controlledFinish();
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    const cancel = await screen.findByTestId('login-cancel');
    expect(api.loginCancel).not.toHaveBeenCalled();
    await user.click(cancel);
    expect(api.loginCancel).toHaveBeenCalledTimes(1);
    // The core answers the waiting loginFinish with "cancelled".
    ctl.finish(CANCELLED);
    await waitFor(() => expect(screen.getByTestId('login-result')).toHaveTextContent('已取消登录测试'));
    expect(document.querySelector('.ant-result-info')).not.toBeNull();
    expect(screen.getByTestId('login-start')).toBeEnabled();
  });

  it('stops listening when the page is left', async () => {
    api.loginStart.mockResolvedValue(started());
    controlledFinish();
    const { user, unmount } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    await screen.findByTestId('login-cancel');
    expect(api.loginCancel).not.toHaveBeenCalled();
    unmount();
    expect(api.loginCancel).toHaveBeenCalledTimes(1);
  });

  it('keeps a busy port on the card, in the admin\'s language, and lets the admin try again', async () => {
    api.loginStart.mockRejectedValueOnce(
      failure('本机端口 27180 已被占用，无法开始登录测试。', 'Port 27180 on this computer is already in use.', 'port_busy'),
    );
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    await waitFor(() =>
      expect(screen.getByTestId('login-problem')).toHaveTextContent('本机端口 27180 已被占用，无法开始登录测试。'),
    );
    expect(api.loginStart).toHaveBeenCalledWith('p1');
    await waitFor(() => expect(screen.getByTestId('login-start')).toHaveTextContent('开始登录测试'));
    expect(api.loginFinish).not.toHaveBeenCalled();
    expect(screen.queryByTestId('login-result')).not.toBeInTheDocument();

    api.loginStart.mockResolvedValue(started());
    api.loginFinish.mockResolvedValue(SIGNED_IN);
    await user.click(screen.getByTestId('login-start'));
    await waitFor(() => expect(screen.getByTestId('login-result')).toHaveTextContent('已登录：王建国'));
    expect(screen.queryByTestId('login-problem')).not.toBeInTheDocument();
  });

  it('goes back to idle when waiting fails', async () => {
    api.loginStart.mockResolvedValue(started());
    const ctl = controlledFinish();
    const { user } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={vi.fn()} />);
    await user.click(screen.getByTestId('login-start'));
    await screen.findByTestId('login-cancel');
    ctl.fail(failure('没有正在等待的登录测试。', 'No login test is waiting.', 'no_login_waiting'));
    expect(await screen.findByText('没有正在等待的登录测试。')).toBeInTheDocument();
    expect(screen.getByTestId('login-start')).toHaveTextContent('开始登录测试');
    expect(screen.queryByTestId('login-cancel')).not.toBeInTheDocument();
  });

  it('says so in practice mode', async () => {
    renderWithApp(<LoginTest profileId="p1" practice="healthy" removedAt={null} onRemoved={vi.fn()} />);
    expect(await screen.findByText('练习模式：由模拟的钉钉自动完成扫码确认，不会打开浏览器。')).toBeInTheDocument();
  });

  it('asks to remove the test address from the production app again, and keeps the answer', async () => {
    const onRemoved = vi.fn();
    const { user, unmount } = renderWithApp(<LoginTest profileId="p1" practice={null} removedAt={null} onRemoved={onRemoved} />);
    await waitFor(() => expect(screen.getByTestId('login-cleanup')).toHaveTextContent('删除上面这个 127.0.0.1 地址'));
    await user.click(screen.getByTestId('login-redirect-removed'));
    expect(onRemoved).toHaveBeenCalledWith(true);
    unmount();
    renderWithApp(<LoginTest profileId="p1" practice={null} removedAt="2026-03-02T10:00:00+08:00" onRemoved={onRemoved} />);
    await waitFor(() => expect(screen.getByTestId('login-redirect-removed')).toBeChecked());
  });
});
