import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { clientIdInAgentIdBox, HEALTHY, makeView, seedTemplate, VALUES, runItem } from '../test/fixtures';
import { api, core } from '../test/mockApi';
import { renderWizard } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const ALL_CONFIRMED = Object.fromEntries(
  seedTemplate.steps.flatMap((s) => s.confirm.map((c) => [`${s.id}.${c.id}`, '2026-03-02T09:30:00+08:00'])),
);
const { client_secret, sso_secret, event_token: _token, aes_key: _aesKey, ...PLAIN } = VALUES;

function finished() {
  core.secrets = { client_secret, sso_secret };
  return makeView(
    { current_step: 'summary', values: PLAIN, secrets: { client_secret: 'keychain', sso_secret: 'keychain' }, confirmations: ALL_CONFIRMED },
    { secrets: core.secrets },
  );
}

/** Everything entered, but the publish and scan-login steps not confirmed and no SSOsecret. */
function unfinished() {
  core.secrets = { client_secret };
  const confirmations = { ...ALL_CONFIRMED };
  delete confirmations['publish.published'];
  delete confirmations['scan_login.enabled'];
  return makeView(
    { current_step: 'summary', values: PLAIN, secrets: { client_secret: 'keychain' }, confirmations },
    { secrets: core.secrets },
  );
}


describe('Summary', () => {
  it('shows every value, with the secrets masked', () => {
    renderWizard(finished());
    expect(screen.getByTestId('step-title')).toHaveTextContent('报告与交付：参数汇总、报告和配置文件');
    expect(screen.getByTestId('step-nav-summary')).toHaveClass('ant-steps-item-process');
    const values = screen.getByTestId('summary-values');
    for (const [field, value] of Object.entries(PLAIN)) {
      expect(within(values).getByTestId(`summary-${field}`)).toHaveTextContent(value);
    }
    for (const label of ['私有云域名', 'CorpId', '企业名称 (CorpName)', 'AgentId', 'Client ID（原 AppKey）', 'Client Secret（原 AppSecret）', 'SSOsecret']) {
      expect(within(values).getByText(label)).toBeInTheDocument();
    }
    expect(screen.getByTestId('summary-secret-client_secret')).toHaveTextContent('GT-l…(64)');
    expect(screen.getByTestId('summary-secret-sso_secret')).toHaveTextContent('Sso_…(64)');
    expect(document.body).not.toHaveTextContent(client_secret);
    expect(document.body).not.toHaveTextContent(sso_secret);
    expect(screen.queryByText('去完成')).not.toBeInTheDocument();
  });

  it('is not "all done" before a live test, and says so first', async () => {
    renderWizard(finished());
    await waitFor(() => expect(screen.getByTestId('summary-last-check')).toHaveTextContent('还没有做实时检测'));
    expect(screen.queryByTestId('summary-all-done')).not.toBeInTheDocument();
  });

  it('leads with the last live test: failures block "all done" and lead to the live test', async () => {
    api.listRuns.mockResolvedValue([runItem({ fail: 2 })]);
    const { user } = renderWizard(finished());
    await waitFor(() => expect(screen.getByTestId('summary-last-check')).toHaveTextContent('最近一次检测有 2 项未通过'));
    expect(screen.queryByTestId('summary-all-done')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('summary-go-live'));
    await waitFor(() => expect(screen.getByTestId('step-nav-live')).toHaveClass('ant-steps-item-process'));
  });

  it('is "all done" only when every step is and the last real run found nothing blocking', async () => {
    api.listRuns.mockResolvedValue([runItem({ fail: 0 })]);
    renderWizard(finished());
    await waitFor(() =>
      expect(screen.getByTestId('summary-all-done')).toHaveTextContent('所有步骤都已完成，最近一次检测没有发现阻断问题'),
    );
    expect(screen.queryByTestId('summary-last-check')).not.toBeInTheDocument();

    api.listRuns.mockResolvedValue([runItem({ fail: 0, practice: HEALTHY })]);
    renderWizard(finished());
    await waitFor(() => expect(screen.getAllByTestId('summary-last-check')[0]).toHaveTextContent('练习模式'));
  });

  it('reveals a secret on request', async () => {
    const { user } = renderWizard(finished());
    await user.click(screen.getByTestId('summary-reveal-client_secret'));
    expect(api.revealSecret).toHaveBeenCalledWith(makeView().profile.id, 'client_secret');
    await waitFor(() => expect(screen.getByTestId('summary-secret-client_secret')).toHaveTextContent(client_secret));
    expect(screen.getByTestId('summary-secret-sso_secret')).toHaveTextContent('Sso_…(64)');
  });

  it('lists the generated URLs with copy buttons', async () => {
    const { user } = renderWizard(finished());
    const home = screen.getByTestId('summary-url-home');
    expect(home).toHaveTextContent('https://oa.example.com/dingding/dingding_auth_corp?corpId=$CORPID$');
    expect(home.querySelector('.corpid-token')).toHaveTextContent('$CORPID$');
    await user.click(within(screen.getByTestId('summary-url-login_callback')).getByRole('button'));
    expect(api.copy).toHaveBeenCalledWith('https://oa.example.com/dingding/dd_or_code_corp_list');
  });

  it('lists the steps still to do, each with 去完成 that goes there', async () => {
    const { user } = renderWizard(unfinished());
    expect(screen.getByText('还有 3 步未完成')).toBeInTheDocument();
    const card = screen.getByText('还有 3 步未完成').closest<HTMLElement>('.ant-card')!;
    const items = [...card.querySelectorAll<HTMLElement>('.ant-list-item')];
    expect(items.map((li) => li.textContent?.replace(/去\s*完\s*成/, '').trim())).toEqual([
      '发布应用',
      '获取 SSOsecret',
      '开启扫码登录',
    ]);
    // The SSOsecret is not set.
    expect(screen.queryByTestId('summary-secret-sso_secret')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('summary-values')).getByText('未填写')).toBeInTheDocument();

    const sso = items[1]!;
    await user.click(within(sso).getByRole('button', { name: /去\s*完\s*成/ }));
    expect(api.updateProfile).toHaveBeenCalledTimes(1);
    expect(api.updateProfile.mock.lastCall![0].current_step).toBe('sso_secret');
    await waitFor(() => expect(screen.getByTestId('step-title')).toHaveTextContent('获取 SSOsecret'));
    expect(screen.getByTestId('field-sso_secret')).toBeInTheDocument();
  });

  it('marks a rejected value with its message', () => {
    const view = finished();
    view.profile.values.agent_id = VALUES.client_id;
    view.evaluation = makeView(view.profile, { secrets: core.secrets, verdicts: { agent_id: clientIdInAgentIdBox } }).evaluation;
    renderWizard(view);
    expect(screen.getByTestId('summary-agent_id')).toHaveTextContent(VALUES.client_id);
    expect(screen.getByText(clientIdInAgentIdBox.message!.zh)).toHaveClass('ant-tag-error');
    expect(screen.getByText('还有 1 步未完成')).toBeInTheDocument();
  });
});
