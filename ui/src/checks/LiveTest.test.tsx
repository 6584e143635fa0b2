// The live-test step: every planned check shows a spinner, results replace spinners as they stream
// in, a row opens the details drawer (cause, fix, DingTalk's words, redacted exchanges), Cancel
// while running and Rerun after.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { CheckEvent, CheckResult, CheckRun } from '../ipc/bindings';
import { makeView } from '../test/fixtures';
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
    expect(api.runChecks).toHaveBeenCalledWith({ message_userid: 'manager4220', deadline_ms: 30000 });
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
