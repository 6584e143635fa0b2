// Importing a hand-off or a report: an encrypted file asks for its passphrase (a wrong one is said
// inside the dialog), a refused file shows where and why and that nothing changed, and an import
// opens the new profile.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { ImportOutcome } from '../ipc/bindings';
import { makeView, VALUES } from '../test/fixtures';
import { api, failure } from '../test/mockApi';
import { renderWithApp } from '../test/render';
import ImportButton from './ImportButton';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const text = (zh: string, en: string) => ({ zh, en });

const VIEW = makeView({
  id: '9d3e1f20-7a4b-4c5d-8e6f-102132435465',
  name: '总部私有云',
  values: { domain: VALUES.domain, corp_id: VALUES.corp_id },
  current_step: 'credentials',
});
const IMPORTED: ImportOutcome = { kind: 'imported', view: VIEW, from_report: false, warnings: [] };
const NEEDS: ImportOutcome = { kind: 'needs_passphrase' };
const WRONG: ImportOutcome = {
  kind: 'refused',
  code: 'wrong_passphrase',
  pointer: '',
  message: text('口令不对，请确认导出时设置的口令。', 'Wrong passphrase.'),
};
const BAD_CORP_ID: ImportOutcome = {
  kind: 'refused',
  code: 'invalid',
  pointer: '/corp_id',
  message: text('文件中的「CorpId」不能使用：CorpId 以 ding 开头，不含空格。', 'The CorpId in the file cannot be used.'),
};

function renderButton() {
  const onOpen = vi.fn();
  return { ...renderWithApp(<ImportButton onOpen={onOpen} />), onOpen };
}

const dialog = () => screen.findByRole('dialog');

describe('import button', () => {
  it('opens an imported profile and says so', async () => {
    api.importFile.mockResolvedValue(IMPORTED);
    const { user, onOpen } = renderButton();
    expect(screen.getByTestId('import-file')).toHaveTextContent('导入配置或报告…');
    await user.click(screen.getByTestId('import-file'));
    expect(api.importFile).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    expect(onOpen).toHaveBeenCalledWith(VIEW);
    expect(await screen.findByText('已导入为新的绑定')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.importWithPassphrase).not.toHaveBeenCalled();
  });

  it('says a report opened in support mode, and shows each warning', async () => {
    api.importFile.mockResolvedValue({
      kind: 'imported',
      view: VIEW,
      from_report: true,
      warnings: [{ pointer: '/urls/home', message: text('文件里的地址与按这些值生成的不同', 'The URL differs') }],
    });
    const { user, onOpen } = renderButton();
    await user.click(screen.getByTestId('import-file'));
    expect(await screen.findByText(/已打开客户的报告（支持模式）/)).toBeInTheDocument();
    expect(await screen.findByText('/urls/home: 文件里的地址与按这些值生成的不同')).toBeInTheDocument();
    expect(onOpen).toHaveBeenCalledWith(VIEW);
  });

  it('does nothing when the file dialog is cancelled', async () => {
    api.importFile.mockResolvedValue(null);
    const { user, onOpen } = renderButton();
    await user.click(screen.getByTestId('import-file'));
    await waitFor(() => expect(screen.getByTestId('import-file')).not.toHaveClass('ant-btn-loading'));
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('asks for the passphrase of an encrypted file, says a wrong one in the dialog, then imports', async () => {
    api.importFile.mockResolvedValue(NEEDS);
    api.importWithPassphrase.mockResolvedValueOnce(WRONG).mockResolvedValueOnce(IMPORTED);
    const { user, onOpen } = renderButton();
    await user.click(screen.getByTestId('import-file'));

    const modal = await dialog();
    expect(within(modal).getByText('输入口令解密')).toBeInTheDocument();
    expect(within(modal).getByText(/这个文件是加密的，里面有密钥/)).toBeInTheDocument();
    const unlock = within(modal).getByTestId('import-unlock');
    expect(unlock).toBeDisabled();

    await user.type(within(modal).getByTestId('import-pass'), 'pass phrase 2');
    expect(unlock).toBeEnabled();
    await user.click(unlock);
    expect(api.importWithPassphrase).toHaveBeenLastCalledWith('pass phrase 2');
    // Said inside the still-open dialog, not as a refusal.
    expect(await within(modal).findByText('口令不对，请确认导出时设置的口令。')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBe(modal);
    expect(screen.queryByTestId('import-refused')).not.toBeInTheDocument();
    expect(onOpen).not.toHaveBeenCalled();

    const input = within(modal).getByTestId('import-pass');
    await user.clear(input);
    await user.type(input, 'pass phrase 1{Enter}');
    expect(api.importWithPassphrase).toHaveBeenLastCalledWith('pass phrase 1');
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(VIEW));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.importWithPassphrase).toHaveBeenCalledTimes(2);
  });

  it('starts the passphrase dialog afresh for the next encrypted file', async () => {
    api.importFile.mockResolvedValue(NEEDS);
    api.importWithPassphrase.mockResolvedValue(WRONG);
    const { user } = renderButton();
    await user.click(screen.getByTestId('import-file'));
    let modal = await dialog();
    await user.type(within(modal).getByTestId('import-pass'), 'nope nope');
    await user.click(within(modal).getByTestId('import-unlock'));
    await within(modal).findByText('口令不对，请确认导出时设置的口令。');
    await user.click(within(modal).getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByTestId('import-file'));
    modal = await dialog();
    expect(within(modal).getByTestId('import-pass')).toHaveValue('');
    expect(within(modal).queryByText('口令不对，请确认导出时设置的口令。')).not.toBeInTheDocument();
    expect(within(modal).getByTestId('import-unlock')).toBeDisabled();
  });

  it('shows where and why a file was refused, and that nothing changed', async () => {
    api.importFile.mockResolvedValue(BAD_CORP_ID);
    const { user, onOpen } = renderButton();
    await user.click(screen.getByTestId('import-file'));
    const refused = await screen.findByTestId('import-refused');
    expect(refused.closest('.ant-modal-confirm')).toHaveTextContent('无法导入这个文件');
    expect(refused).toHaveTextContent('文件中的「CorpId」不能使用：CorpId 以 ding 开头，不含空格。');
    expect(refused).toHaveTextContent('出问题的位置：');
    expect(within(refused).getByText('/corp_id')).toBeInTheDocument();
    expect(refused).toHaveTextContent('已有的绑定都没有改动。');
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('leaves the place out when the whole file is refused', async () => {
    api.importFile.mockResolvedValue({
      kind: 'refused',
      code: 'not_json',
      pointer: '',
      message: text('第 1 行第 1 列不是有效的 JSON。', 'Not valid JSON at line 1, column 1.'),
    });
    const { user } = renderButton();
    await user.click(screen.getByTestId('import-file'));
    const refused = await screen.findByTestId('import-refused');
    expect(refused).toHaveTextContent('第 1 行第 1 列不是有效的 JSON。');
    expect(refused).not.toHaveTextContent('出问题的位置：');
  });

  it('closes the passphrase dialog for a refusal that is not about the passphrase', async () => {
    api.importFile.mockResolvedValue(NEEDS);
    api.importWithPassphrase.mockResolvedValue(BAD_CORP_ID);
    const { user, onOpen } = renderButton();
    await user.click(screen.getByTestId('import-file'));
    const modal = await dialog();
    await user.type(within(modal).getByTestId('import-pass'), 'pass phrase 1');
    await user.click(within(modal).getByTestId('import-unlock'));
    const refused = await screen.findByTestId('import-refused');
    expect(within(refused).getByText('/corp_id')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('import-pass')).not.toBeInTheDocument());
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('says when the import itself failed', async () => {
    api.importFile.mockRejectedValue(failure('无法读取文件 /tmp/x.json：permission denied', 'Cannot read /tmp/x.json: permission denied', 'file_unreadable'));
    const { user, onOpen } = renderButton();
    await user.click(screen.getByTestId('import-file'));
    expect(await screen.findByText('无法读取文件 /tmp/x.json：permission denied')).toBeInTheDocument();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('shows a file too big to be a hand-off as refused, before reading it', async () => {
    api.importFile.mockRejectedValue(
      failure(
        '文件 /tmp/huge.json 有 9000000 字节，超过这类文件的上限（4194304 字节），不是 Dingbind 能读取的文件，已拒绝。',
        '/tmp/huge.json is 9000000 bytes, more than a file of this kind can be (4194304 bytes); it was refused.',
        'file_too_large',
      ),
    );
    const { user, onOpen } = renderButton();
    await user.click(screen.getByTestId('import-file'));
    const refused = await screen.findByTestId('import-refused');
    expect(refused).toHaveTextContent('超过这类文件的上限');
    expect(refused).toHaveTextContent('已有的绑定都没有改动。');
    expect(onOpen).not.toHaveBeenCalled();
  });
});
