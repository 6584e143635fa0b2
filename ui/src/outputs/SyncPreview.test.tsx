// The sync preview page: the walk shows what it has counted and can be stopped and continued; the
// result leads with the differences between the two ranges (each with its reason and the console
// place in bold), says whether the expected count matches, lists the fields that come back and the
// change since the last preview, and exports the CSV.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { SyncEnd, SyncPreview, SyncProgress, SyncTotals } from '../ipc/bindings';
import { api } from '../test/mockApi';
import { renderWithApp } from '../test/render';
import SyncPreviewPage from './SyncPreview';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const PLACE = '左侧菜单 › 开发配置 › 权限管理 › 通讯录权限 › 授权范围';
const TOTALS: SyncTotals = {
  departments: 4,
  synced: 3,
  can_open: 4,
  open_not_synced: 2,
  synced_not_open: 1,
  expected: 5,
  expected_matches: false,
  requests: 12,
  throttled: 0,
};
const PREVIEW: SyncPreview = {
  generated_at: '2026-12-05T02:00:00Z',
  totals: TOTALS,
  contact_all: false,
  contact_dept_ids: [466071002n, 466071004n],
  contact_userids: [],
  visible: { kind: 'read', all: false, dept_ids: [466071002n, 466071005n], userids: ['manager4220'], role_ids: [], admin_only: false },
  departments: [
    { dept_id: 1n, name: '示例科技', parent_id: null, depth: 0, direct_members: 0, members: 3, can_open: null },
    { dept_id: 466071002n, name: '技术研发中心', parent_id: 1n, depth: 1, direct_members: 2, members: 2, can_open: true },
  ],
  people: [
    { userid: 'u1', name: '李娜', dept_ids: [466071002n], dept_names: ['技术研发中心'], admin: false, synced: true, can_open: true, fields: ['mobile'], difference: null },
    { userid: 'u2', name: '刘洋', dept_ids: [466071004n], dept_names: ['市场部'], admin: false, synced: true, can_open: false, fields: [], difference: 'synced_not_open' },
  ],
  differences: [
    {
      kind: 'open_not_synced',
      dept_id: 466071005n,
      dept_name: '人力行政部',
      userid: null,
      name: null,
      people: 1,
      reason: { zh: `能打开应用但接口读不到：不在通讯录权限范围内 — 在 **${PLACE}** 添加部门「人力行政部」`, en: 'Can open the app but the API cannot read them' },
    },
    {
      kind: 'synced_not_open',
      dept_id: 466071004n,
      dept_name: '市场部',
      userid: null,
      name: null,
      people: 1,
      reason: { zh: '会同步但打不开应用：部门「市场部」的 1 人不在应用可见范围内', en: 'Will be synced but cannot open the app' },
    },
  ],
  fields: [
    { field: 'mobile', label: { zh: '手机号', en: 'Mobile' }, returned: 3, status: 'returned', permission: null },
    { field: 'email', label: { zh: '邮箱', en: 'Email' }, returned: 0, status: 'missing_permission', permission: { zh: '邮箱等个人信息', en: 'Email and other personal information' } },
  ],
  notes: [],
};
const DONE: SyncEnd = {
  kind: 'done',
  preview: PREVIEW,
  summary: {
    generated_at: PREVIEW.generated_at,
    totals: TOTALS,
    previous_at: '2026-12-01T02:00:00Z',
    diff: {
      joiners: [{ userid: 'u3', name: '周敏', dept_ids: [466071002n], dept_names: ['技术研发中心'] }],
      leavers: [{ userid: 'u4', name: '赵磊', dept_ids: [466071004n], dept_names: ['市场部'] }],
      moves: [{ userid: 'u2', name: '刘洋', from: ['技术研发中心'], to: ['市场部'] }],
    },
  },
};

/** A walk the test finishes: progress events, then the answer. */
function controlledWalk() {
  let emit: (p: SyncProgress) => void = () => {};
  let finish: (e: SyncEnd) => void = () => {};
  api.onSyncProgress.mockImplementation(async (handler) => {
    emit = handler;
    return () => {};
  });
  api.syncPreview.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
  return { emit: (p: SyncProgress) => act(() => emit(p)), finish: (e: SyncEnd) => act(() => finish(e)) };
}

describe('sync preview page', () => {
  it('shows the walk as it goes, then the differences first with the place to fix them', async () => {
    const walk = controlledWalk();
    const { user } = renderWithApp(<SyncPreviewPage profileId="p1" practice={null} />);
    await user.type(screen.getByTestId('sync-expected'), '5');
    await user.click(screen.getByTestId('sync-start'));
    expect(api.syncPreview).toHaveBeenCalledWith('p1', 5, false);
    await screen.findByTestId('sync-cancel');
    walk.emit({ departments: 3, people: 120, requests: 9, throttled: 1, waiting_for_rate_limit: true });
    await waitFor(() => expect(screen.getByTestId('sync-progress')).toHaveTextContent('已读取 3 个部门、120 人 · 已发出 9 个请求'));
    expect(screen.getByTestId('sync-progress')).toHaveTextContent('钉钉要求放慢速度');

    await walk.finish(DONE);
    const result = await screen.findByTestId('sync-result');
    expect(screen.queryByTestId('sync-cancel')).not.toBeInTheDocument();
    expect(screen.getByTestId('sync-expected-verdict')).toHaveTextContent('平台预计 5 个账号，但接口能读到 3 人');
    const differences = screen.getByTestId('sync-differences');
    expect(differences).toHaveTextContent('两个范围的差异（2）');
    const first = within(differences).getByTestId('sync-difference-open_not_synced');
    expect(first).toHaveTextContent('人力行政部');
    expect(first).not.toHaveTextContent('**');
    expect(within(first).getByText(PLACE).tagName).toBe('STRONG');
    // Differences come before the fields and the lists.
    const order = [...result.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid'));
    expect(order.indexOf('sync-differences')).toBeLessThan(order.indexOf('sync-fields'));
    expect(screen.getByTestId('sync-fields')).toHaveTextContent('缺少权限，全部为空');
    expect(screen.getByTestId('sync-fields')).toHaveTextContent('邮箱等个人信息');
    const changes = screen.getByTestId('sync-changes');
    expect(changes).toHaveTextContent('新加入 1 人（平台下次同步时会添加）：周敏');
    expect(changes).toHaveTextContent('离开 1 人（平台下次同步时会删除）：赵磊');
    expect(changes).toHaveTextContent('刘洋 换了部门：技术研发中心 → 市场部');

    api.saveSyncCsv.mockResolvedValue('/home/admin/钉钉同步预览.csv');
    await user.click(screen.getByTestId('sync-csv'));
    expect(api.saveSyncCsv).toHaveBeenCalledWith('p1', 'zh');
    expect(await screen.findByTestId('sync-saved')).toHaveTextContent('/home/admin/钉钉同步预览.csv');
  });

  it('stops, says what was read, and continues where it stopped', async () => {
    const walk = controlledWalk();
    const { user } = renderWithApp(<SyncPreviewPage profileId="p1" practice={null} />);
    await user.click(screen.getByTestId('sync-start'));
    await user.click(await screen.findByTestId('sync-cancel'));
    expect(api.cancelSyncPreview).toHaveBeenCalled();
    await walk.finish({ kind: 'cancelled', progress: { departments: 7, people: 300, requests: 20, throttled: 0, waiting_for_rate_limit: false } });
    expect(await screen.findByTestId('sync-cancelled')).toHaveTextContent('已停止：读到 7 个部门、300 人（20 个请求）');
    await user.click(screen.getByTestId('sync-resume'));
    expect(api.syncPreview).toHaveBeenLastCalledWith('p1', null, true);
    await walk.finish(DONE);
    await screen.findByTestId('sync-result');
    expect(screen.queryByTestId('sync-resume')).not.toBeInTheDocument();
  });

  it('opens on the last kept preview', async () => {
    api.syncOverview.mockResolvedValue({ summary: DONE.kind === 'done' ? DONE.summary : null, resumable: false });
    renderWithApp(<SyncPreviewPage profileId="p1" practice={null} />);
    expect(await screen.findByTestId('sync-last')).toHaveTextContent('会同步 3 人');
    expect(screen.getByTestId('sync-start')).toHaveTextContent('重新生成');
  });
});
