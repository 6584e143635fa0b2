// Run history: every kept run, newest first, the two newest ticked; Compare asks the core for the
// changes from the OLDER to the newer run and shows each with its kind and before → after status.
// Runs that came in a report (support mode) are tagged and summarised for support, who never asks
// for the customer's secrets.
import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { CheckChange, CheckResult, CheckRun, RecordedRun, RunDiff, RunListItem } from '../ipc/bindings';
import { formatTime } from '../format';
import { api, failure } from '../test/mockApi';
import { MISSING_CONTACT_SCOPE } from '../test/fixtures';
import { renderWithApp } from '../test/render';
import RunHistory from './RunHistory';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const text = (zh: string, en = zh) => ({ zh, en });

function item(id: string, started_at: string, extra: Partial<RunListItem> = {}): RunListItem {
  return {
    id,
    started_at,
    duration_ms: 1840,
    summary: { ok: 18, fail: 0, warn: 0, skipped: 0, manual: 2 },
    practice: null,
    cancelled: false,
    imported_from: null,
    ...extra,
  };
}

// As the core lists them: newest first.
const NEWEST = item('run-3', '2026-03-04T08:30:05Z', { summary: { ok: 17, fail: 1, warn: 0, skipped: 0, manual: 2 } });
const MIDDLE = item('run-2', '2026-03-03T10:12:44Z', { duration_ms: 640, practice: MISSING_CONTACT_SCOPE });
const OLDEST = item('run-1', '2026-03-02T09:01:00Z', { summary: { ok: 12, fail: 3, warn: 1, skipped: 2, manual: 2 } });
const RUNS = [NEWEST, MIDDLE, OLDEST];

function change(id: string, kind: CheckChange['kind'], before: CheckChange['before'], after: CheckChange['after']): CheckChange {
  return { id, title: text(`检查 ${id}`), kind, before, after };
}
const side = (status: CheckResult['status'], message: string, fix: string | null = null) => ({
  status,
  code: null,
  message: text(message),
  fix: fix ? text(fix) : null,
  original: null,
});

const DIFF: RunDiff = {
  changes: [
    change(
      'network.ip_whitelist',
      'regressed',
      side('ok', '出口 IP 在白名单内'),
      side('fail', '钉钉拒绝了本机的出口 IP 203.0.113.45', '把 203.0.113.45 加入 开发配置 › 安全设置 › 服务器出口IP'),
    ),
    change('scope.qyapi_get_member', 'fixed', side('fail', '缺少权限 qyapi_get_member', '开通权限'), side('ok', '已开通成员信息读权限')),
    change('contact.users', 'reason', side('fail', '缺少通讯录权限'), side('fail', '可见范围太小')),
    change('message.send', 'added', null, side('warn', '工作通知已发送，但对方未读')),
    change('sso.token', 'removed', side('ok', 'SSO 令牌获取成功'), null),
  ],
  unchanged: 14,
};

function renderHistory(runs: RunListItem[] = RUNS) {
  api.listRuns.mockResolvedValue(runs);
  return renderWithApp(<RunHistory profileId="p1" refreshKey={0} />);
}

const rows = () => [...screen.getByTestId('history-table').querySelectorAll<HTMLElement>('tbody tr[data-row-key]')];
const checkbox = (id: string) =>
  screen.getByTestId('history-table').querySelector<HTMLInputElement>(`tr[data-row-key="${id}"] input[type="checkbox"]`)!;

/** Whether a person could click `el` now: antd briefly sets `pointer-events: none` on a table's
 * rows while they re-render (a checkbox ticked, a run loaded), and a click then does nothing or,
 * with user-event, throws. A fresh machine hits that moment more often than a warm one. */
function interactive(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (getComputedStyle(e).pointerEvents === 'none') return false;
  return true;
}

type User = { click: (el: Element) => Promise<void> };

/** Clicks what `find` returns once a person could: found again each time, as a re-render replaces it. */
async function press(user: User, find: () => Element) {
  await waitFor(() => expect(interactive(find())).toBe(true));
  await user.click(find());
}

/** Ticks or unticks a run once its checkbox can take the click. */
async function tick(user: User, id: string) {
  await press(user, () => checkbox(id));
}

describe('run history', () => {
  it('lists the runs newest first with their results', async () => {
    renderHistory();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((r) => r.dataset.rowKey)).toEqual(['run-3', 'run-2', 'run-1']);
    const [newest, middle, oldest] = rows() as [HTMLElement, HTMLElement, HTMLElement];
    expect(newest).toHaveTextContent(formatTime(NEWEST.started_at));
    expect(newest).toHaveTextContent('失败 1');
    expect(newest).toHaveTextContent('通过 17');
    expect(newest).toHaveTextContent('1.8 s');
    expect(middle).toHaveTextContent('练习 · 缺少通讯录权限');
    expect(middle).toHaveTextContent('640 ms');
    expect(middle).not.toHaveTextContent('失败');
    expect(oldest).toHaveTextContent('失败 3');
    expect(oldest).toHaveTextContent('注意 1');
    expect(oldest).toHaveTextContent('其他 4');
    expect(screen.queryByTestId('support-summary')).not.toBeInTheDocument();
  });

  it('ticks the two newest and compares them older first', async () => {
    api.diffRuns.mockResolvedValue(DIFF);
    const { user } = renderHistory();
    await waitFor(() => expect(checkbox('run-3')).toBeChecked());
    expect(checkbox('run-2')).toBeChecked();
    expect(checkbox('run-1')).not.toBeChecked();
    const compare = screen.getByTestId('history-compare');
    expect(compare).toBeEnabled();
    await press(user, () => compare);
    expect(api.diffRuns).toHaveBeenCalledTimes(1);
    expect(api.diffRuns).toHaveBeenCalledWith('p1', 'run-2', 'run-3');
    expect(await screen.findByTestId('history-diff')).toBeInTheDocument();
  });

  it('compares any two ticked runs older first, whatever order they were ticked in', async () => {
    api.diffRuns.mockResolvedValue(DIFF);
    const { user } = renderHistory();
    await waitFor(() => expect(checkbox('run-2')).toBeChecked());
    await tick(user, 'run-2');
    await waitFor(() => expect(checkbox('run-2')).not.toBeChecked());
    // One run is not a comparison.
    await waitFor(() => expect(screen.getByTestId('history-compare')).toBeDisabled());
    await tick(user, 'run-1');
    await waitFor(() => expect(checkbox('run-1')).toBeChecked());
    await waitFor(() => expect(screen.getByTestId('history-compare')).toBeEnabled());
    await press(user, () => screen.getByTestId('history-compare'));
    await waitFor(() => expect(api.diffRuns).toHaveBeenLastCalledWith('p1', 'run-1', 'run-3'));

    // A third tick drops the earliest tick: run-1 and run-2 remain, and run-1 is older.
    await tick(user, 'run-2');
    await waitFor(() => expect(checkbox('run-3')).not.toBeChecked());
    expect(checkbox('run-1')).toBeChecked();
    await press(user, () => screen.getByTestId('history-compare'));
    await waitFor(() => expect(api.diffRuns).toHaveBeenLastCalledWith('p1', 'run-1', 'run-2'));
  });

  it('shows each change with its kind and before → after', async () => {
    api.diffRuns.mockResolvedValue(DIFF);
    const { user } = renderHistory();
    await waitFor(() => expect(screen.getByTestId('history-compare')).toBeEnabled());
    await press(user, () => screen.getByTestId('history-compare'));
    const diff = await screen.findByTestId('history-diff');
    expect(within(diff).getByText('两次检测的变化')).toBeInTheDocument();

    const statuses = (el: HTMLElement) => within(el).queryAllByTestId('check-status-tag').map((t) => t.textContent);
    const row = (id: string) => within(diff).getByTestId(`diff-${id}`);
    // In the core's order: regressions first.
    expect([...diff.querySelectorAll('[data-testid^="diff-"]')].map((el) => el.getAttribute('data-kind'))).toEqual([
      'regressed',
      'fixed',
      'reason',
      'added',
      'removed',
    ]);

    const ip = row('network.ip_whitelist');
    expect(ip).toHaveTextContent('变差');
    expect(ip).toHaveTextContent('检查 network.ip_whitelist');
    expect(statuses(ip)).toEqual(['通过', '失败']);
    expect(ip).toHaveTextContent('钉钉拒绝了本机的出口 IP 203.0.113.45');
    expect(ip).toHaveTextContent('把 203.0.113.45 加入 开发配置 › 安全设置 › 服务器出口IP');

    const member = row('scope.qyapi_get_member');
    expect(member).toHaveTextContent('已修复');
    expect(statuses(member)).toEqual(['失败', '通过']);
    expect(member).toHaveTextContent('已开通成员信息读权限');
    // The old fix is not shown for a check that now passes.
    expect(member).not.toHaveTextContent('开通权限');

    const users = row('contact.users');
    expect(users).toHaveTextContent('原因变了');
    expect(statuses(users)).toEqual(['失败', '失败']);
    expect(users).toHaveTextContent('可见范围太小');

    const added = row('message.send');
    expect(added).toHaveTextContent('新增');
    expect(statuses(added)).toEqual(['注意']);
    expect(added).toHaveTextContent('—');
    expect(added).toHaveTextContent('工作通知已发送，但对方未读');

    const removed = row('sso.token');
    expect(removed).toHaveTextContent('已移除');
    expect(statuses(removed)).toEqual(['通过']);
    expect(removed).toHaveTextContent('—');
    // Only the earlier run has it: its message is shown.
    expect(removed).toHaveTextContent('SSO 令牌获取成功');

    expect(within(diff).getByText('另有 14 项没有变化')).toBeInTheDocument();
  });

  it('says when two runs are the same', async () => {
    api.diffRuns.mockResolvedValue({ changes: [], unchanged: 20 });
    const { user } = renderHistory();
    await waitFor(() => expect(screen.getByTestId('history-compare')).toBeEnabled());
    await press(user, () => screen.getByTestId('history-compare'));
    expect(await screen.findByText('两次检测结果完全一样（20 项）')).toBeInTheDocument();
  });

  it('drops the comparison when the selection changes', async () => {
    api.diffRuns.mockResolvedValue(DIFF);
    const { user } = renderHistory();
    await waitFor(() => expect(screen.getByTestId('history-compare')).toBeEnabled());
    await press(user, () => screen.getByTestId('history-compare'));
    await screen.findByTestId('history-diff');
    await tick(user, 'run-1');
    await waitFor(() => expect(screen.queryByTestId('history-diff')).not.toBeInTheDocument());
  });

  it('cannot compare with a single run', async () => {
    renderHistory([OLDEST]);
    await waitFor(() => expect(checkbox('run-1')).toBeChecked());
    expect(screen.getByTestId('history-compare')).toBeDisabled();
  });

  it('says when there is no run yet', async () => {
    renderHistory([]);
    await waitFor(() => expect(screen.getByTestId('history-empty')).toHaveTextContent(
      '还没有检测记录。在“实时检测”里运行一次检测后会出现在这里。',
    ));
    expect(screen.queryByTestId('history-compare')).not.toBeInTheDocument();
  });

  it('shows why the history could not be read', async () => {
    api.listRuns.mockRejectedValue(failure('无法读取检测记录。', 'The run history cannot be read.'));
    renderWithApp(<RunHistory profileId="p1" refreshKey={0} />);
    expect(await screen.findByText('无法读取检测记录。')).toBeInTheDocument();
  });

  it('reloads when told to, keeping what it showed until then', async () => {
    api.listRuns.mockResolvedValue([OLDEST]);
    let bump: () => void = () => {};
    function Harness() {
      const [key, setKey] = useState(0);
      bump = () => setKey((k) => k + 1);
      return <RunHistory profileId="p1" refreshKey={key} />;
    }
    renderWithApp(<Harness />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(api.listRuns).toHaveBeenCalledTimes(1);
    api.listRuns.mockResolvedValue(RUNS);
    act(() => bump());
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(api.listRuns).toHaveBeenCalledTimes(2);
    // The two newest of the new list are ticked.
    expect(checkbox('run-3')).toBeChecked();
    expect(checkbox('run-2')).toBeChecked();
    expect(checkbox('run-1')).not.toBeChecked();
  });

  it('in support mode, opens on a summary with the customer’s time and a text to send back', async () => {
    const theirs = item('run-0', '2026-03-04T16:30:05+08:00', {
      imported_from: '总部私有云 · 2026-03-04T16:31:00+08:00',
      summary: { ok: 14, fail: 1, warn: 0, skipped: 1, manual: 2 },
    });
    const failedCheck: CheckResult = {
      id: 'scope.qyapi_get_member',
      title: text('权限：成员信息读权限'),
      status: 'fail',
      code: 'missing_scope',
      data: {},
      message: text('应用缺少接口权限 qyapi_get_member'),
      fix: text('在 `权限管理` 中开通 qyapi_get_member'),
      fix_url: null,
      advice: null,
      original: null,
      duration_ms: 12,
      skipped_because: [],
      trace: [],
    };
    api.getRun.mockResolvedValue({
      id: 'run-0',
      run: {
        started_at: theirs.started_at,
        duration_ms: 1840,
        checks: [
          failedCheck,
          ...['qyapi_get_department_list', 'qyapi_get_department_member'].map((scope) => ({
            ...failedCheck,
            id: `scope.${scope}`,
            title: text(`权限：${scope}`),
            data: { required_scopes: [scope] },
          })),
        ],
        summary: theirs.summary,
        cancelled: false,
        deadline_hit: false,
        practice: null,
      },
      imported_from: theirs.imported_from,
      origin: { profile_name: '总部私有云', generated_at: '2026-03-04T16:31:00+08:00', app_version: '0.1.0' },
    });
    renderHistory([theirs]);
    const summary = await screen.findByTestId('support-summary');
    expect(summary).toHaveTextContent('客户的报告：总部私有云');
    // The customer's own clock, with its offset, wherever support sits.
    expect(within(summary).getByTestId('support-when')).toHaveTextContent('2026-03-04 16:31:00 (UTC+08:00)');
    expect(within(summary).getByTestId('support-target')).toHaveTextContent('真实钉钉');
    expect(summary).toHaveTextContent('0.1.0');
    expect(within(summary).getByTestId('support-failures')).toHaveTextContent('权限：成员信息读权限');
    const message = within(summary).getByTestId('support-message');
    // The missing permissions merge into one instruction; the rest keep their own line.
    expect(message).toHaveTextContent('需要处理的有 2 项');
    expect(message).toHaveTextContent('1. 在钉钉开发者后台打开这个应用 › 左侧菜单 › 开发配置 › 权限管理，搜索并开通这 2 项接口权限：qyapi_get_department_list、qyapi_get_department_member');
    expect(message).toHaveTextContent('2. 权限：成员信息读权限：在 权限管理 中开通 qyapi_get_member');
    expect(message).toHaveTextContent('dingbind check');
    expect(message).toHaveTextContent('不需要把任何密钥发给我们');
    expect(rows()[0]).toHaveTextContent('来自报告');
    // Nothing asks for the customer's secret any more.
    expect(screen.queryByText(/填写密钥/)).not.toBeInTheDocument();
  });

  it('opens a run with its checks and where it came from', async () => {
    const theirs = item('run-0', '2026-03-01T07:00:00Z', { imported_from: '总部私有云 · 2026-03-01T07:05:00Z' });
    const checks: CheckResult[] = [
      {
        id: 'scope.qyapi_get_member',
        title: text('权限：成员信息读权限'),
        status: 'fail',
        code: 'missing_scope',
        data: {},
        message: text('应用缺少接口权限 qyapi_get_member'),
        fix: null,
        fix_url: null,
        advice: null,
        original: null,
        duration_ms: 12,
        skipped_because: [],
        trace: [],
      },
    ];
    const run: CheckRun = {
      started_at: theirs.started_at,
      duration_ms: 1840,
      checks,
      summary: { ok: 0, fail: 1, warn: 0, skipped: 0, manual: 0 },
      cancelled: false,
      deadline_hit: false,
      practice: null,
    };
    const recorded: RecordedRun = { id: 'run-0', run, imported_from: theirs.imported_from, origin: null };
    api.getRun.mockResolvedValue(recorded);
    const { user } = renderHistory([theirs]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    await press(user, () => within(rows()[0]!).getByRole('button', { name: /查看/ }));
    expect(api.getRun).toHaveBeenCalledWith('p1', 'run-0');
    expect(
      await screen.findByText('这次检测来自对方发来的报告：总部私有云 · 2026-03-01T07:05:00Z'),
    ).toBeInTheDocument();
    expect(screen.getByText(`${formatTime(theirs.started_at)} 的检测`)).toBeInTheDocument();
    expect(screen.getByText('应用缺少接口权限 qyapi_get_member')).toBeInTheDocument();
  });
});
