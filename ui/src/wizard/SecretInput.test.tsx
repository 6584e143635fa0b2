// Secret boxes (Client Secret, SSOsecret): where the secret is kept, the masked value, revealing it
// through the shell, and the debounced keychain write.
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { emptyVerdict, makeView, mask, VALUES } from '../test/fixtures';
import { api, core } from '../test/mockApi';
import { renderWizard } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const PROFILE_ID = makeView().profile.id;
const formItem = (testId: string) => screen.getByTestId(testId).closest<HTMLElement>('.ant-form-item')!;

function ssoStep(location: 'keychain' | 'session' | undefined, stored: string | undefined) {
  if (stored) core.secrets.sso_secret = stored;
  return makeView(
    { current_step: 'sso_secret', secrets: location ? { sso_secret: location } : {} },
    { secrets: stored ? { sso_secret: stored } : {} },
  );
}

describe('SecretInput', () => {
  it('shows a keychain secret as saved, masked, with the box empty', () => {
    renderWizard(ssoStep('keychain', VALUES.sso_secret));
    expect(screen.getByTestId('secret-location-sso_secret')).toHaveTextContent('已保存到系统钥匙串');
    expect(screen.getByTestId('secret-mask-sso_secret')).toHaveTextContent('Sso_…(64)');
    expect(mask(VALUES.sso_secret)).toBe('Sso_…(64)');
    const input = screen.getByTestId('field-sso_secret');
    expect(input).toHaveValue('');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('placeholder', '更换 · Sso_…(64)');
    expect(document.body).not.toHaveTextContent(VALUES.sso_secret);
  });

  it('reveals the secret through the shell, and hides it again', async () => {
    const { user } = renderWizard(ssoStep('keychain', VALUES.sso_secret));
    const reveal = screen.getByTestId('reveal-sso_secret');
    expect(reveal).toHaveTextContent('显示');
    await user.click(reveal);
    expect(api.revealSecret).toHaveBeenCalledWith(PROFILE_ID, 'sso_secret');
    await waitFor(() => expect(screen.getByTestId('secret-mask-sso_secret')).toHaveTextContent(VALUES.sso_secret));
    expect(reveal).toHaveTextContent('隐藏');
    await user.click(reveal);
    expect(screen.getByTestId('secret-mask-sso_secret')).toHaveTextContent('Sso_…(64)');
    expect(api.revealSecret).toHaveBeenCalledTimes(1);
  });

  it('marks a secret kept only for this session', () => {
    renderWizard(ssoStep('session', VALUES.sso_secret));
    expect(screen.getByTestId('secret-location-sso_secret')).toHaveTextContent('仅保存在本次运行的内存中');
    expect(screen.queryByText('已保存到系统钥匙串')).not.toBeInTheDocument();
  });

  it('warns that a session-only secret of the last run is gone', () => {
    renderWizard(ssoStep('session', undefined));
    const item = formItem('field-sso_secret');
    expect(within(item).getByText('上次只保存在内存中，关闭应用后已丢失，请重新填写。')).toBeInTheDocument();
    expect(item).toHaveClass('ant-form-item-has-warning');
    expect(screen.queryByTestId('secret-location-sso_secret')).not.toBeInTheDocument();
    expect(screen.queryByTestId('reveal-sso_secret')).not.toBeInTheDocument();
  });

  it('shows nothing stored and no warning for a secret never entered', () => {
    renderWizard(ssoStep(undefined, undefined));
    expect(screen.queryByText(/上次只保存在内存中/)).not.toBeInTheDocument();
    expect(screen.queryByTestId('secret-location-sso_secret')).not.toBeInTheDocument();
    expect(screen.getByTestId('field-sso_secret')).toHaveAttribute('placeholder', '粘贴后自动保存到系统钥匙串');
    expect(screen.getByTestId('field-sso_secret')).toHaveValue('');
  });

  it('saves a typed secret once typing pauses (debounced), not per keystroke', async () => {
    renderWizard(ssoStep(undefined, undefined));
    vi.useFakeTimers();
    const input = screen.getByTestId('field-sso_secret');
    const typed = VALUES.sso_secret;
    for (const n of [1, 2, 3, 10, typed.length]) fireEvent.change(input, { target: { value: typed.slice(0, n) } });
    expect(input).toHaveValue(typed);
    expect(screen.getByTestId('save-state')).toHaveTextContent('正在保存…');

    act(() => vi.advanceTimersByTime(200));
    expect(api.setSecret).not.toHaveBeenCalled();
    await act(async () => {
      vi.advanceTimersByTime(60);
    });
    expect(api.setSecret).toHaveBeenCalledTimes(1);
    expect(api.setSecret).toHaveBeenCalledWith(PROFILE_ID, 'sso_secret', typed);
    // Secrets never travel in the profile.
    expect(api.updateProfile).not.toHaveBeenCalled();
    vi.useRealTimers();

    // The core's answer: now in the keychain, shown masked.
    await waitFor(() => expect(screen.getByTestId('secret-location-sso_secret')).toHaveTextContent('已保存到系统钥匙串'));
    expect(screen.getByTestId('secret-mask-sso_secret')).toHaveTextContent('Sso_…(64)');
  });

  it('saves a Client Secret with setSecret too (credentials step)', async () => {
    renderWizard(makeView({ current_step: 'credentials' }));
    fireEvent.change(screen.getByTestId('field-client_secret'), { target: { value: VALUES.client_secret } });
    await waitFor(() => expect(api.setSecret).toHaveBeenCalledWith(PROFILE_ID, 'client_secret', VALUES.client_secret));
    expect(api.setSecret).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('secret-mask-client_secret')).toHaveTextContent('GT-l…(64)'));
  });

  it('does not show the empty message before anything is typed', () => {
    renderWizard(ssoStep(undefined, undefined));
    expect(screen.queryByText(emptyVerdict('sso_secret').message!.zh)).not.toBeInTheDocument();
  });
});
