// Step 10 hands every value to the platform: in the platform's field order, each with copy, the
// secrets masked until shown; a missing one leads back to its step; ticks are "in the platform".
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { makeView, VALUES } from '../test/fixtures';
import { api, core } from '../test/mockApi';
import { renderWizard } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const { client_secret, sso_secret, event_token: _token, aes_key: _aesKey, ...PLAIN } = VALUES;

function atInstall(secrets: Partial<typeof VALUES> = { client_secret, sso_secret }) {
  core.secrets = secrets;
  const stored = Object.fromEntries(Object.keys(secrets).map((f) => [f, 'keychain']));
  return makeView({ current_step: 'install', values: PLAIN, secrets: stored }, { secrets: core.secrets });
}

describe('step 10 hand-over', () => {
  it('lists the values in the platform’s order, each with copy, secrets masked', async () => {
    renderWizard(atInstall());
    const list = await screen.findByTestId('handover-values');
    const labels = [...list.querySelectorAll('.ant-descriptions-item-label')].map((l) => l.textContent);
    expect(labels).toEqual(['CorpId', '企业名称 (CorpName)', 'AgentId', 'Client ID（原 AppKey）', 'Client Secret（原 AppSecret）', 'SSOsecret']);
    expect(within(list).getByTestId('handover-corp_id')).toHaveTextContent(PLAIN.corp_id);
    expect(within(list).getByTestId('handover-secret-client_secret')).not.toHaveTextContent(client_secret);

    await screen.findByTestId('handover-copy-agent_id');
    screen.getByTestId('handover-copy-agent_id').click();
    await waitFor(() => expect(api.copy).toHaveBeenCalledWith(PLAIN.agent_id));

    // A secret is read from the keychain only when copied.
    expect(api.revealSecret).not.toHaveBeenCalled();
    screen.getByTestId('handover-copy-sso_secret').click();
    await waitFor(() => expect(api.copy).toHaveBeenLastCalledWith(sso_secret));
    expect(api.revealSecret).toHaveBeenCalledWith(expect.any(String), 'sso_secret');
  });

  it('says the ticks are done in the platform', async () => {
    renderWizard(atInstall());
    await waitFor(() => expect(screen.getByTestId('confirm-heading')).toHaveTextContent('在平台后台完成后请勾选'));
  });

  it('leads a value not entered yet back to the step that asks for it', async () => {
    const { user } = renderWizard(atInstall({ client_secret }));
    const go = await screen.findByTestId('handover-go-sso_secret');
    expect(go).toHaveTextContent('去“');
    await user.click(go);
    await waitFor(() => expect(screen.getByTestId('step-nav-sso_secret')).toHaveClass('ant-steps-item-process'));
  });
});
