// The hand-off for the server team: without secrets by default; with secrets only behind a
// passphrase of 8+ characters typed twice the same. The export passes null or the passphrase and
// lists the files written.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { api, failure } from '../test/mockApi';
import { renderWithApp } from '../test/render';
import HandoffPanel from './HandoffPanel';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const DIR = '/home/admin/文档/总部私有云-交接';
const PLAIN_FILES = [`${DIR}/dingbind-manifest.json`, `${DIR}/dingbind.env`];
const ALL_FILES = [...PLAIN_FILES, `${DIR}/dingbind-secrets.age`];

function renderPanel() {
  return renderWithApp(<HandoffPanel profileId="p1" />);
}

describe('hand-off panel', () => {
  it('exports without secrets by default and lists the files', async () => {
    api.exportHandoff.mockResolvedValue(PLAIN_FILES);
    const { user } = renderPanel();
    expect(screen.getByTestId('handoff-with-secrets')).not.toBeChecked();
    expect(screen.queryByTestId('handoff-pass')).not.toBeInTheDocument();
    const exportButton = screen.getByTestId('handoff-export');
    expect(exportButton).toBeEnabled();
    await user.click(exportButton);
    expect(api.exportHandoff).toHaveBeenCalledTimes(1);
    expect(api.exportHandoff).toHaveBeenCalledWith('p1', null);

    expect(await screen.findByText('已写入以下文件：')).toBeInTheDocument();
    for (const f of PLAIN_FILES) expect(screen.getByText(f)).toBeInTheDocument();
    expect(await screen.findByText('已导出 2 个文件')).toBeInTheDocument();
  });

  it('needs a passphrase of 8+ characters, typed twice the same, to include secrets', async () => {
    const { user } = renderPanel();
    await user.click(screen.getByTestId('handoff-with-secrets'));
    const pass = screen.getByTestId('handoff-pass');
    const again = screen.getByTestId('handoff-pass-again');
    const exportButton = screen.getByTestId('handoff-export');
    const panel = screen.getByTestId('handoff-panel');

    // Nothing typed yet.
    expect(exportButton).toBeDisabled();
    expect(within(panel).getByText('口令至少 8 位')).toBeInTheDocument();

    await user.type(pass, '1234567');
    expect(exportButton).toBeDisabled();
    expect(within(panel).getByText('口令至少 8 位')).toBeInTheDocument();

    // Long enough, but the second box is still empty.
    await user.type(pass, '8');
    expect(exportButton).toBeDisabled();
    expect(within(panel).getByText('两次输入的口令不一致')).toBeInTheDocument();

    await user.type(again, '12345679');
    expect(exportButton).toBeDisabled();
    expect(within(panel).getByText('两次输入的口令不一致')).toBeInTheDocument();

    await user.clear(again);
    await user.type(again, '12345678');
    expect(exportButton).toBeEnabled();
    expect(within(panel).queryByText('两次输入的口令不一致')).not.toBeInTheDocument();
    expect(within(panel).queryByText('口令至少 8 位')).not.toBeInTheDocument();
    expect(within(panel).getByText('口令请通过电话或另一个聊天窗口告诉对方，不要和文件一起发送。')).toBeInTheDocument();

    // Shortening the first box again blocks the export.
    await user.type(pass, '{Backspace}');
    expect(exportButton).toBeDisabled();
    expect(within(panel).getByText('口令至少 8 位')).toBeInTheDocument();
    expect(api.exportHandoff).not.toHaveBeenCalled();
  });

  it('exports with the passphrase and lists the encrypted file too', async () => {
    api.exportHandoff.mockResolvedValue(ALL_FILES);
    const { user } = renderPanel();
    await user.click(screen.getByTestId('handoff-with-secrets'));
    await user.type(screen.getByTestId('handoff-pass'), 'pass phrase 1');
    await user.type(screen.getByTestId('handoff-pass-again'), 'pass phrase 1');
    await user.click(screen.getByTestId('handoff-export'));
    expect(api.exportHandoff).toHaveBeenCalledTimes(1);
    expect(api.exportHandoff).toHaveBeenCalledWith('p1', 'pass phrase 1');
    for (const f of ALL_FILES) expect(await screen.findByText(f)).toBeInTheDocument();
    expect(await screen.findByText('已导出 3 个文件')).toBeInTheDocument();
  });

  it('goes back to a plain export when secrets are unticked', async () => {
    api.exportHandoff.mockResolvedValue(PLAIN_FILES);
    const { user } = renderPanel();
    await user.click(screen.getByTestId('handoff-with-secrets'));
    await user.type(screen.getByTestId('handoff-pass'), 'short');
    expect(screen.getByTestId('handoff-export')).toBeDisabled();
    await user.click(screen.getByTestId('handoff-with-secrets'));
    expect(screen.queryByTestId('handoff-pass')).not.toBeInTheDocument();
    expect(screen.getByTestId('handoff-export')).toBeEnabled();
    await user.click(screen.getByTestId('handoff-export'));
    // The passphrase typed before is not sent.
    expect(api.exportHandoff).toHaveBeenCalledWith('p1', null);
  });

  it('lists nothing when the folder dialog is cancelled', async () => {
    api.exportHandoff.mockResolvedValue(null);
    const { user } = renderPanel();
    await user.click(screen.getByTestId('handoff-export'));
    await waitFor(() => expect(api.exportHandoff).toHaveBeenCalledWith('p1', null));
    await waitFor(() => expect(screen.getByTestId('handoff-export')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByText('已写入以下文件：')).not.toBeInTheDocument();
    expect(screen.queryByText(/已导出/)).not.toBeInTheDocument();
  });

  it('says why the export failed', async () => {
    api.exportHandoff.mockRejectedValue(failure('Client Secret 不正确，无法加密导出。', 'The Client Secret is not valid.'));
    const { user } = renderPanel();
    await user.click(screen.getByTestId('handoff-export'));
    expect(await screen.findByText('Client Secret 不正确，无法加密导出。')).toBeInTheDocument();
    expect(screen.queryByText('已写入以下文件：')).not.toBeInTheDocument();
  });
});
