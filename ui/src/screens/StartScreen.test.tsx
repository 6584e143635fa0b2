import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import StartScreen from './StartScreen';
import { appInfo, customTemplate, makeView, summary } from '../test/fixtures';
import { api, failure } from '../test/mockApi';
import { renderWithApp } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const HQ = summary({ id: 'p-hq', name: '总部私有云', current_step: 'credentials' });
const BRANCH = summary({ id: 'p-branch', name: '华东分部', template_id: 'custom-urls', current_step: 'summary' });
const BROKEN = summary({
  id: 'p-broken',
  name: '旧配置',
  current_step: 'console_login',
  broken: 'expected `=`, found newline at line 7 column 12',
});

/** Waits until exactly `n` bindings are listed (not merely the first one). */
async function expectRows(n: number) {
  await waitFor(() => expect(screen.getAllByTestId('profile-row')).toHaveLength(n));
}
const row = (name: string) => screen.getByText(name).closest<HTMLElement>('[data-testid="profile-row"]')!;

describe('StartScreen', () => {
  it('lists the bindings with their template and the step they are at', async () => {
    api.listProfiles.mockResolvedValue([HQ, BRANCH]);
    renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await expectRows(2);
    const hq = row('总部私有云');
    expect(within(hq).getByText('宜点云私有云')).toBeInTheDocument();
    expect(within(hq).getByText('进行到：填写应用凭证')).toBeInTheDocument();
    expect(within(hq).getByText(/^更新于 /)).toBeInTheDocument();
    const branch = row('华东分部');
    expect(within(branch).getByText('自定义地址（通用）')).toBeInTheDocument();
    expect(within(branch).getByText('进行到：报告与交付')).toBeInTheDocument();
    expect(api.listProfiles).toHaveBeenCalledTimes(1);
  });

  it('draws the list read at start-up without asking again, and reads it again when shown later', async () => {
    const { unmount } = renderWithApp(<StartScreen onOpen={vi.fn()} initial={[HQ, BRANCH]} />);
    await expectRows(2);
    expect(api.listProfiles).not.toHaveBeenCalled();
    unmount();

    // Back from a binding: no list from start-up any more, so the screen reads it.
    api.listProfiles.mockResolvedValue([BRANCH]);
    renderWithApp(<StartScreen onOpen={vi.fn()} initial={null} />);
    await expectRows(1);
    expect(api.listProfiles).toHaveBeenCalledTimes(1);
  });

  it('says a binding deleted since the list was shown is gone, and lists what is there now', async () => {
    api.listProfiles.mockResolvedValueOnce([HQ, BRANCH]).mockResolvedValue([BRANCH]);
    api.openProfile.mockRejectedValue(
      failure('找不到这个配置（可能已被删除）。', 'This profile was not found (it may have been deleted).', 'profile_not_found'),
    );
    const onOpen = vi.fn();
    const { user } = renderWithApp(<StartScreen onOpen={onOpen} />);
    await expectRows(2);
    await user.click(within(row('总部私有云')).getByTestId('open-profile'));
    expect(await screen.findByText('找不到这个配置（可能已被删除）。')).toBeInTheDocument();
    await expectRows(1);
    expect(screen.queryByText('总部私有云')).not.toBeInTheDocument();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('shows 开始前准备 open before the first binding, folded once there is one', async () => {
    api.listProfiles.mockResolvedValue([]);
    const { unmount } = renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId('prepare-ip')).toHaveTextContent('平台服务器的公网出口IP'));
    for (const item of ['who', 'platform', 'domain', 'time']) expect(screen.getByTestId(`prepare-${item}`)).toBeInTheDocument();
    unmount();

    api.listProfiles.mockResolvedValue([HQ]);
    renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await expectRows(1);
    expect(screen.getByTestId('before-you-start')).toHaveTextContent('开始前准备');
    expect(screen.queryByTestId('prepare-ip')).not.toBeInTheDocument();
  });

  it('opens a binding', async () => {
    api.listProfiles.mockResolvedValue([HQ]);
    const onOpen = vi.fn();
    const { user } = renderWithApp(<StartScreen onOpen={onOpen} />);
    await expectRows(1);
    await user.click(screen.getByTestId('open-profile'));
    expect(api.openProfile).toHaveBeenCalledWith('p-hq');
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    expect(onOpen.mock.calls[0]![0].profile.id).toBe('p-hq');
  });

  it('shows an unreadable binding with the reason and no 打开 button', async () => {
    api.listProfiles.mockResolvedValue([HQ, BROKEN]);
    const onOpen = vi.fn();
    const { user } = renderWithApp(<StartScreen onOpen={onOpen} />);
    await expectRows(2);
    const broken = row('旧配置');
    expect(within(broken).getByText('无法读取')).toBeInTheDocument();
    expect(within(broken).getByText('expected `=`, found newline at line 7 column 12')).toBeInTheDocument();
    expect(broken).toHaveTextContent('文件没有被改动，可以手动修复或删除。');
    expect(within(broken).queryByRole('button', { name: /打\s*开/ })).not.toBeInTheDocument();
    expect(within(broken).queryByTestId('open-profile')).not.toBeInTheDocument();
    expect(within(broken).getByRole('button', { name: /删除/ })).toBeInTheDocument();
    // Its name does not open it either.
    await user.click(within(broken).getByText('旧配置'));
    expect(api.openProfile).not.toHaveBeenCalled();
    // The readable one still can be opened.
    expect(within(row('总部私有云')).getByRole('button', { name: /打\s*开/ })).toBeInTheDocument();
    expect(screen.queryAllByText('无法读取')).toHaveLength(1);
  });

  it('deletes only after the admin confirms', async () => {
    api.listProfiles.mockResolvedValue([HQ]);
    const { user } = renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await expectRows(1);
    await user.click(screen.getByTestId('delete-profile'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('删除“总部私有云”？');
    expect(dialog).toHaveTextContent('删除后不能恢复，保存在钥匙串里的密钥也会一起删除。');
    expect(api.deleteProfile).not.toHaveBeenCalled();

    api.listProfiles.mockResolvedValue([]);
    await user.click(screen.getByTestId('confirm-delete'));
    expect(api.deleteProfile).toHaveBeenCalledTimes(1);
    expect(api.deleteProfile).toHaveBeenCalledWith('p-hq');
    // The list is reloaded.
    await waitFor(() => expect(api.listProfiles).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('还没有绑定配置。新建一个，按步骤完成钉钉绑定。')).toBeInTheDocument();
  });

  it('does not delete when the admin cancels', async () => {
    api.listProfiles.mockResolvedValue([HQ, BROKEN]);
    const { user } = renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await expectRows(2);
    await user.click(within(row('旧配置')).getByRole('button', { name: /删除/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('删除“旧配置”？');
    await user.click(within(dialog).getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.deleteProfile).not.toHaveBeenCalled();
    await expectRows(2);
  });

  it('creates a binding with the chosen name and template, then opens it', async () => {
    api.listProfiles.mockResolvedValue([HQ]);
    const onOpen = vi.fn();
    const { user } = renderWithApp(<StartScreen onOpen={onOpen} />);
    await expectRows(1);
    await user.click(screen.getByTestId('create-profile'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('新建钉钉绑定');
    const name = within(dialog).getByTestId('profile-name-input');
    // One binding exists, so the suggested name is the second.
    expect(name).toHaveValue('钉钉绑定 2');
    // The first template is chosen until the admin picks another.
    expect(within(dialog).getByRole('radio', { name: /宜点云私有云/ })).toBeChecked();
    await user.click(within(dialog).getByText('自定义地址（通用）'));
    expect(within(dialog).getByRole('radio', { name: /自定义地址（通用）/ })).toBeChecked();
    await user.clear(name);
    await user.type(name, '华南分部');
    await user.click(screen.getByTestId('dialog-ok'));

    await waitFor(() => expect(api.createProfile).toHaveBeenCalledTimes(1));
    expect(api.createProfile).toHaveBeenCalledWith('华南分部', customTemplate.id);
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    expect(onOpen.mock.calls[0]![0]).toEqual(makeView({ name: '华南分部', template_id: 'custom-urls' }));
  });

  it('does not create a binding without a name', async () => {
    const { user } = renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await screen.findByText('还没有绑定配置。新建一个，按步骤完成钉钉绑定。');
    await user.click(screen.getByTestId('create-profile'));
    const dialog = await screen.findByRole('dialog');
    await user.clear(within(dialog).getByTestId('profile-name-input'));
    await user.click(screen.getByTestId('dialog-ok'));
    expect(await within(dialog).findByText('请填写名称')).toBeInTheDocument();
    expect(api.createProfile).not.toHaveBeenCalled();
  });

  it('renames with Enter, once', async () => {
    api.listProfiles.mockResolvedValue([HQ]);
    api.renameProfile.mockImplementation(async (id, name) => summary({ id, name }));
    const { user } = renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await expectRows(1);
    await user.click(screen.getByRole('button', { name: '重命名' }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByTestId('profile-name-input');
    expect(name).toHaveValue('总部私有云');
    api.listProfiles.mockResolvedValue([{ ...HQ, name: '总部私有云（正式）' }]);
    await user.clear(name);
    await user.type(name, '总部私有云（正式）{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.renameProfile).toHaveBeenCalledTimes(1);
    expect(api.renameProfile).toHaveBeenCalledWith('p-hq', '总部私有云（正式）');
    expect(await screen.findByText('总部私有云（正式）')).toBeInTheDocument();
  });

  it('duplicates under a suggested name', async () => {
    api.listProfiles.mockResolvedValue([HQ]);
    api.duplicateProfile.mockImplementation(async (_id, name) => summary({ id: 'p-copy', name }));
    const { user } = renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await expectRows(1);
    await user.click(screen.getByRole('button', { name: '复制' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('profile-name-input')).toHaveValue('总部私有云 副本');
    await user.click(screen.getByTestId('dialog-ok'));
    await waitFor(() => expect(api.duplicateProfile).toHaveBeenCalledWith('p-hq', '总部私有云 副本'));
    expect(await screen.findByText('已复制为“总部私有云 副本”')).toBeInTheDocument();
  });

  it('warns when the system keychain is unavailable', async () => {
    renderWithApp(<StartScreen onOpen={vi.fn()} />, {
      info: appInfo({ keychain_available: false, keychain_problem: 'no secret service on D-Bus' }),
    });
    expect(
      await screen.findByText('系统钥匙串不可用，Client Secret 和 SSOsecret 只保存在本次运行的内存中，关闭应用后需要重新填写。'),
    ).toBeInTheDocument();
  });

  it('shows no keychain warning when the keychain works', async () => {
    renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await screen.findByText('还没有绑定配置。新建一个，按步骤完成钉钉绑定。');
    expect(screen.queryByText(/系统钥匙串不可用/)).not.toBeInTheDocument();
  });

  it('lists user templates that could not be loaded', async () => {
    renderWithApp(<StartScreen onOpen={vi.fn()} />, {
      info: appInfo({
        template_problems: [
          {
            file: 'acme.toml',
            line: 12,
            field: 'steps[2].console.url',
            message: { zh: '只能链接钉钉的 https 页面', en: 'host not allowed' },
          },
        ],
      }),
    });
    expect(await screen.findByText('有 1 个自定义模板无法加载')).toBeInTheDocument();
    const problem = screen.getByText('acme.toml:12').parentElement!;
    expect(problem).toHaveTextContent('acme.toml:12 steps[2].console.url — 只能链接钉钉的 https 页面');
  });

  it('adds the admin’s own template file from the new-binding dialog and selects it', async () => {
    const acme = { ...customTemplate, id: 'acme-oa', builtin: false, name: { zh: '某某 OA', en: 'Acme OA' } };
    api.addTemplate.mockResolvedValueOnce(null).mockResolvedValueOnce({ kind: 'added', template: acme, replaced: false });
    const onOpen = vi.fn();
    const { user } = renderWithApp(<StartScreen onOpen={onOpen} />);
    await user.click(await screen.findByTestId('create-profile'));
    // Cancelling the file dialog changes nothing.
    await user.click(screen.getByTestId('create-advanced'));
    await user.click(screen.getByTestId('add-template'));
    expect(screen.queryByText('某某 OA')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('add-template'));
    expect(await screen.findByText('已添加模板“某某 OA”')).toBeInTheDocument();
    const radio = screen.getByTestId('template-acme-oa');
    expect(radio.closest('label')).toHaveTextContent('某某 OA自定义');
    expect(radio).toBeChecked();
    await user.click(screen.getByTestId('dialog-ok'));
    await waitFor(() => expect(api.createProfile).toHaveBeenCalledWith('钉钉绑定 1', 'acme-oa'));
  });

  it('says where a refused template file is wrong, and keeps the dialog', async () => {
    api.addTemplate.mockResolvedValue({
      kind: 'refused',
      problem: {
        file: '/home/admin/acme.toml',
        line: 13,
        field: 'steps[0].fields[1]',
        message: { zh: '没有 `corp_idd` 这个字段', en: 'unknown field `corp_idd`' },
      },
    });
    const { user } = renderWithApp(<StartScreen onOpen={vi.fn()} />);
    await user.click(await screen.findByTestId('create-profile'));
    await user.click(screen.getByTestId('create-advanced'));
    await user.click(screen.getByTestId('add-template'));
    const alert = await screen.findByTestId('template-refused');
    expect(alert).toHaveTextContent('这个模板文件不能用');
    expect(alert).toHaveTextContent('/home/admin/acme.toml:13 steps[0].fields[1] — 没有 corp_idd 这个字段');
    expect(alert).not.toHaveTextContent('`');
    expect(alert).toHaveTextContent('dingbind templates --check');
    expect(screen.getByTestId('profile-name-input')).toHaveValue('钉钉绑定 1');
  });
});
