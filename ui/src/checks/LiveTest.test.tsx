// The live-test step: every planned check shows a spinner, results replace spinners as they stream
// in, a row opens the details drawer (cause, fix, DingTalk's words, redacted exchanges), Cancel
// while running and Rerun after.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { CheckEvent, CheckResult, CheckRun } from '../ipc/bindings';
import i18n from '../i18n';
import { HEALTHY, makeView } from '../test/fixtures';
import { api } from '../test/mockApi';
import { renderWizard } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const text = (zh: string, en = zh) => ({ zh, en });

function result(id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    title: text(id),
    status,
    code: null,
    data: {},
    message: text(`${id} 的结果`),
    fix: null,
    fix_url: null,
    advice: null,
    original: null,
    duration_ms: 12,
    skipped_because: [],
    trace: [],
    ...extra,
  };
}

const TOKEN = result('credentials.token', 'ok');
const MEMBER = result('scope.qyapi_get_member', 'fail', {
  title: text('权限：成员信息读权限'),
  code: 'missing_scope',
  data: { required_scopes: ['qyapi_get_member'] },
  message: text('应用缺少接口权限 qyapi_get_member'),
  fix: text('在权限管理中搜索 qyapi_get_member 并开通'),
  fix_url: 'https://open-dev.dingtalk.com/fe/app#/corp/app',
  original: '没有调用该接口的权限',
  trace: [
    {
      method: 'POST',
      url: 'https://oapi.dingtalk.com/topapi/user/count?access_token=***',
      request_body: '{"only_active":false}',
      status: 200,
      response_body: '{"errcode":60011,"errmsg":"没有调用该接口的权限"}',
      duration_ms: 12,
      error: null,
    },
  ],
});

const CLIENT_ID = 'dingq3xvmfkwz8rtnpey';
const applyUrl = (scope: string) => `https://open-dev.dingtalk.com/appscope/apply?content=${CLIENT_ID}%23${scope}`;
const NAMES = {
  qyapi_get_member: text('成员信息读权限', 'Read member information'),
  qyapi_get_department_list: text('通讯录部门信息读权限', 'Read department information'),
  qyapi_get_department_member: text('通讯录部门成员读权限', 'Read department members'),
};
type Scope = keyof typeof NAMES;
const scopeData = (...scopes: Scope[]) => ({
  required_scopes: scopes,
  scope_apply: scopes.map((scope) => ({ scope, name: NAMES[scope], url: applyUrl(scope) })),
});

/** The same failure as DingTalk really words it, with the apply page per permission. */
const MEMBER_APPLY: CheckResult = {
  ...MEMBER,
  data: { ...scopeData('qyapi_get_member'), http_status: 200 },
  fix: text('点击“申请开通”开通 qyapi_get_member。开通后钉钉可能在最长 2 小时内仍沿用旧的 access_token'),
  original: `应用尚未开通所需的权限：[qyapi_get_member]，点击链接申请并开通即可：${applyUrl('qyapi_get_member')}`,
};
const DEPARTMENTS = result('contact.departments', 'fail', {
  code: 'missing_scope',
  data: scopeData('qyapi_get_department_list', 'qyapi_get_department_member'),
  message: text('读取部门失败：缺少 2 项权限'),
});

function run(checks: CheckResult[]): CheckRun {
  const summary = { ok: 0, fail: 0, warn: 0, skipped: 0, manual: 0 };
  for (const c of checks) summary[c.status] += 1;
  return { started_at: '', duration_ms: 420, checks, summary, cancelled: false, deadline_hit: false, practice: null };
}

/** Captures the check-event listener and lets the test finish the run when it wants. */
function controlledRun() {
  let emit: (e: CheckEvent) => void = () => {};
  api.onCheckEvent.mockImplementation(async (handler) => {
    emit = handler;
    return () => {};
  });
  let finish: (r: CheckRun) => void = () => {};
  api.runChecks.mockImplementation(() => new Promise<CheckRun>((resolve) => (finish = resolve)));
  return { emit: (e: CheckEvent) => act(() => emit(e)), finish: (r: CheckRun) => act(() => finish(r)) };
}

describe('live test', () => {
  it('streams results into the planned list, then summarises', async () => {
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.type(screen.getByTestId('message-userid'), 'manager4220');
    await user.click(screen.getByTestId('run-checks'));
    expect(api.runChecks).toHaveBeenCalledWith(makeView().profile.id, { message_userid: 'manager4220', deadline_ms: 30000 });
    ctl.emit({ kind: 'planned', checks: [TOKEN, MEMBER].map((c) => ({ id: c.id, title: c.title, depends_on: [] })) });
    await waitFor(() => expect(screen.getByTestId('check-credentials.token')).toHaveAttribute('data-status', 'pending'));
    expect(screen.getByTestId('cancel-checks')).toBeInTheDocument();

    ctl.emit({ kind: 'finished', result: TOKEN });
    await waitFor(() => expect(screen.getByTestId('check-credentials.token')).toHaveAttribute('data-status', 'ok'));
    expect(screen.getByTestId('check-scope.qyapi_get_member')).toHaveAttribute('data-status', 'pending');

    ctl.emit({ kind: 'finished', result: MEMBER });
    await ctl.finish(run([TOKEN, MEMBER]));
    await waitFor(() => expect(screen.getByTestId('check-verdict')).toHaveTextContent('1 项未通过'));
    expect(screen.getByTestId('check-summary')).toHaveTextContent('通过 1 · 失败 1');
    expect(screen.getByTestId('run-checks')).toHaveTextContent(/重新检测/);
  });

  it('never says the binding works: a clean run lists what it did not prove', async () => {
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.click(screen.getByTestId('run-checks'));
    const range = result('contact.visible_range', 'manual', { message: text('请到开发者后台确认可见范围') });
    ctl.emit({
      kind: 'planned',
      checks: [TOKEN, range].map((c) => ({ id: c.id, title: c.id === range.id ? text('应用可见范围', 'Visible range') : c.title, depends_on: [] })),
    });
    await ctl.finish(run([TOKEN, range]));
    await waitFor(() => expect(screen.getByTestId('check-verdict')).toHaveTextContent('本机检测没有发现阻断问题'));
    const unproven = screen.getByTestId('check-unproven');
    expect(unproven).toHaveTextContent('平台服务器的出口IP');
    expect(unproven).toHaveTextContent('dingbind check');
    expect(unproven).toHaveTextContent('1 项需要人工确认：应用可见范围');
    expect(screen.getByTestId('check-verdict')).not.toHaveTextContent('可以正常工作');

    await act(() => i18n.changeLanguage('en'));
    await waitFor(() => expect(screen.getByTestId('check-unproven')).toHaveTextContent("The platform server's egress IP"));
    expect(screen.getByTestId('check-unproven')).toHaveTextContent('1 item(s) to confirm by hand: Visible range');
    await act(() => i18n.changeLanguage('zh'));
  });

  it('in practice mode says the results are not real DingTalk', async () => {
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.click(screen.getByTestId('run-checks'));
    await ctl.finish({ ...run([TOKEN]), practice: HEALTHY });
    await waitFor(() => expect(screen.getByTestId('check-unproven')).toHaveTextContent('练习模式（模拟场景「一切正常」）'));
    expect(screen.getByTestId('check-unproven')).toHaveTextContent('平台服务器的出口IP');
  });

  it('puts failures first: one merged permission instruction, a one-line fix per other failure, passes folded', async () => {
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.click(screen.getByTestId('run-checks'));
    const corp = result('credentials.corp_id', 'warn', {
      code: 'bad_corp_id',
      message: text('钉钉对 CorpId 只回答了「未知错误」'),
      fix: text('打开开发者后台首页，复制 CorpId。也可以做一次登录测试。'),
    });
    const all = [TOKEN, MEMBER_APPLY, DEPARTMENTS, corp];
    ctl.emit({ kind: 'planned', checks: all.map((c) => ({ id: c.id, title: c.title, depends_on: [] })) });
    await ctl.finish(run(all));
    const fixes = await screen.findByTestId('check-fixes');
    await waitFor(() => expect(fixes).toHaveTextContent('需要处理（2）'));
    // Three missing permissions from two checks: one instruction, one apply button each.
    const perms = within(fixes).getByTestId('fix-permissions');
    expect(perms).toHaveTextContent('开通 3 项接口权限');
    for (const scope of ['qyapi_get_member', 'qyapi_get_department_list', 'qyapi_get_department_member'] as const) {
      await user.click(within(perms).getByTestId(`fix-apply-scope-${scope}`));
      expect(api.openLink).toHaveBeenLastCalledWith(applyUrl(scope));
    }
    // The other problem keeps one line of its fix, and its details open the drawer.
    const row = within(fixes).getByTestId('fix-credentials.corp_id');
    expect(row).toHaveTextContent('打开开发者后台首页，复制 CorpId。');
    expect(row).not.toHaveTextContent('登录测试');
    await user.click(within(row).getByText('详情'));
    expect(await screen.findByTestId('check-drawer')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    // What passed is folded in its group until asked for.
    const token = screen.getByTestId('check-credentials.token');
    expect(token).not.toBeVisible();
    await user.click(screen.getByTestId('passes-dingtalk'));
    await waitFor(() => expect(screen.getByTestId('check-credentials.token')).toBeVisible());
    // The verdict is a link to the list.
    expect(screen.getByTestId('check-verdict').tagName).toBe('A');
  });

  it('opens a check: cause, fix with the console link, DingTalk’s words, the redacted exchange', async () => {
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.click(screen.getByTestId('run-checks'));
    await ctl.finish(run([TOKEN, MEMBER]));
    await user.click(await screen.findByTestId('check-scope.qyapi_get_member'));
    const drawer = await screen.findByTestId('check-drawer');
    expect(within(drawer).getByTestId('drawer-cause')).toHaveTextContent('应用缺少接口权限 qyapi_get_member');
    expect(within(drawer).getByTestId('drawer-fix')).toHaveTextContent('qyapi_get_member');
    expect(within(drawer).getByTestId('drawer-original')).toHaveTextContent('没有调用该接口的权限');
    expect(within(drawer).getByTestId('drawer-code')).toHaveTextContent('missing_scope');
    expect(drawer).toHaveTextContent('access_token=***');
    await user.click(within(drawer).getByRole('button', { name: /打开钉钉后台修复/ }));
    expect(api.openLink).toHaveBeenCalledWith('https://open-dev.dingtalk.com/fe/app#/corp/app');
    // Without the Client ID there is no apply page: the code is listed, the console button stays.
    expect(within(drawer).getByTestId('missing-scope-qyapi_get_member')).toHaveTextContent(/^qyapi_get_member$/);
    expect(within(drawer).queryByTestId('apply-scope-qyapi_get_member')).not.toBeInTheDocument();
  });

  it('the drawer names the missing permission and opens DingTalk’s apply page for it', async () => {
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.click(screen.getByTestId('run-checks'));
    await ctl.finish(run([TOKEN, MEMBER_APPLY]));
    await waitFor(() => expect(screen.getByTestId('check-scope.qyapi_get_member')).toHaveAttribute('data-status', 'fail'));
    await user.click(screen.getByText('应用缺少接口权限 qyapi_get_member'));
    await waitFor(() =>
      expect(screen.getByTestId('missing-scope-qyapi_get_member')).toHaveTextContent('成员信息读权限qyapi_get_member申请开通'),
    );
    const drawer = screen.getByTestId('check-drawer');
    expect(within(drawer).getByTestId('drawer-original')).toHaveTextContent('应用尚未开通所需的权限');
    expect(within(drawer).getByTestId('drawer-fix')).toHaveTextContent('2 小时');
    await user.click(within(drawer).getByTestId('apply-scope-qyapi_get_member'));
    expect(api.openLink).toHaveBeenCalledWith(applyUrl('qyapi_get_member'));
    // The console button stays; the raw scope_apply is not repeated in the data table, the rest is.
    expect(within(drawer).getByRole('button', { name: /打开钉钉后台修复/ })).toBeInTheDocument();
    expect(within(drawer).getByText('required_scopes')).toBeInTheDocument();
    expect(within(drawer).getByText('http_status')).toBeInTheDocument();
    expect(within(drawer).queryByText('scope_apply')).not.toBeInTheDocument();
    expect(drawer).not.toHaveTextContent('"url":');
  });

  it('the drawer of a check missing several permissions says what each button does', async () => {
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.click(screen.getByTestId('run-checks'));
    await ctl.finish(run([TOKEN, DEPARTMENTS]));
    await user.click(await screen.findByText('读取部门失败：缺少 2 项权限'));
    const drawer = await screen.findByTestId('check-drawer');
    await waitFor(() =>
      expect(within(drawer).getByTestId('missing-scopes-hint')).toHaveTextContent('每个“申请开通”按钮会打开钉钉的权限申请页'),
    );
    expect(within(drawer).getAllByRole('button', { name: /^申请开通：/ })).toHaveLength(2);
  });

  it('the merged permission instruction speaks English too', async () => {
    await act(() => i18n.changeLanguage('en'));
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.click(screen.getByTestId('run-checks'));
    await ctl.finish(run([MEMBER_APPLY, DEPARTMENTS]));
    await waitFor(() => expect(screen.getByTestId('fix-permissions')).toHaveTextContent('Enable 3 API permission(s)'));
    expect(screen.getByTestId('fix-missing-scope-qyapi_get_department_member')).toHaveTextContent('Read department members');
    expect(screen.getByTestId('fix-apply-scope-qyapi_get_member')).toHaveTextContent(/^Apply$/);
    await act(() => i18n.changeLanguage('zh'));
  });

  it('Cancel asks the core to stop the run', async () => {
    controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'live' }));
    await user.click(screen.getByTestId('run-checks'));
    await user.click(await screen.findByTestId('cancel-checks'));
    expect(api.cancelChecks).toHaveBeenCalledTimes(1);
  });

  it('the permission step checks now and names what to search for', async () => {
    const ctl = controlledRun();
    const { user } = renderWizard(makeView({ current_step: 'permissions' }));
    await user.click(screen.getByTestId('check-permissions'));
    await ctl.finish(run([TOKEN, MEMBER, result('scope.Todo.Todo.Read', 'ok')]));
    await waitFor(() => expect(screen.getByTestId('perm-status-qyapi_get_member')).toHaveAttribute('data-status', 'fail'));
    expect(screen.getByTestId('perm-status-Todo.Todo.Read')).toHaveAttribute('data-status', 'ok');
    expect(screen.getByTestId('permission-list')).toHaveTextContent('在权限管理中搜索：qyapi_get_member');
  });
});
