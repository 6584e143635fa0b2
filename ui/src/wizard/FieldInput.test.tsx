// Field boxes as the wizard shows them: the core's verdicts (errors, warnings, "move to" for a value
// in the wrong box), typing and paste cleaning. Rendered inside WizardScreen so the real editor
// (useEditor) drives the IPC calls.
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from '../i18n';
import {
  clientIdInAgentIdBox,
  confirmationsBefore,
  makeView,
  PASTED_CORP_ID,
  pastedCorpIdVerdict,
  plainHttpDomain,
  seedTemplate,
  VALUES,
} from '../test/fixtures';
import type { Template } from '../ipc/bindings';
import { api, core } from '../test/mockApi';
import { renderWizard } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const lastUpdate = () => api.updateProfile.mock.lastCall?.[0];
const formItem = (testId: string) => screen.getByTestId(testId).closest<HTMLElement>('.ant-form-item')!;

function credentialsWithClientIdInAgentIdBox() {
  return makeView(
    { current_step: 'credentials', values: { agent_id: VALUES.client_id }, confirmations: confirmationsBefore('credentials') },
    { verdicts: { agent_id: clientIdInAgentIdBox } },
  );
}

describe('validation messages', () => {
  it('shows a wrong_field error with a button that moves the value to the right box', async () => {
    const { user } = renderWizard(credentialsWithClientIdInAgentIdBox());
    const item = formItem('field-agent_id');
    expect(within(item).getByTestId('field-error')).toHaveTextContent(
      '这看起来是一个 Client ID，应填到「Client ID（原 AppKey）」框。「AgentId」在应用详情 › 基础信息 › 凭证与基础信息。',
    );
    expect(item).toHaveClass('ant-form-item-has-error');
    const move = within(item).getByTestId('move-field');
    expect(move).toHaveTextContent('移到「Client ID（原 AppKey）」框');
    // Only the box with the problem offers it.
    expect(screen.getAllByTestId('move-field')).toHaveLength(1);

    await user.click(move);
    expect(api.updateProfile).toHaveBeenCalledTimes(1);
    expect(lastUpdate()!.values).toEqual({ agent_id: '', client_id: VALUES.client_id });
    expect(screen.getByTestId('field-client_id')).toHaveValue(VALUES.client_id);
    expect(screen.getByTestId('field-agent_id')).toHaveValue('');
    await waitFor(() => expect(screen.queryByTestId('move-field')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByTestId('field-error')).not.toBeInTheDocument());
  });

  it('shows the message in English after switching language', async () => {
    renderWizard(credentialsWithClientIdInAgentIdBox());
    expect(screen.getByTestId('field-error')).toHaveTextContent('这看起来是一个 Client ID');
    await act(() => i18n.changeLanguage('en'));
    expect(screen.getByTestId('field-error')).toHaveTextContent(
      'This looks like a Client ID: it belongs in the “Client ID (formerly AppKey)” box. The AgentId is on app details › Basic info › Credentials and basic info.',
    );
    expect(screen.getByTestId('move-field')).toHaveTextContent('Move to the “Client ID (formerly AppKey)” box');
    expect(screen.getByText('AgentId')).toBeInTheDocument();
    expect(screen.getByText('Client ID (formerly AppKey)')).toBeInTheDocument();
    expect(screen.queryByText(/这看起来是/)).not.toBeInTheDocument();
  });

  it('offers no move button when the suggested box is not in the template', () => {
    const view = credentialsWithClientIdInAgentIdBox();
    // A template without a Client ID box (as a user template might be).
    const template: Template = {
      ...seedTemplate,
      needs: seedTemplate.needs.filter((f) => f !== 'client_id'),
      steps: seedTemplate.steps.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== 'client_id') })),
    };
    renderWizard(view, { templates: [template] });
    expect(screen.queryByTestId('field-client_id')).not.toBeInTheDocument();
    expect(screen.getByTestId('field-error')).toBeInTheDocument();
    expect(screen.queryByTestId('move-field')).not.toBeInTheDocument();
  });

  it('shows a warning verdict as a warning, not an error', () => {
    renderWizard(makeView({ values: { domain: 'http://oa.example.com' } }, { verdicts: { domain: plainHttpDomain } }));
    const item = formItem('field-domain');
    expect(within(item).getByTestId('field-warning')).toHaveTextContent(
      '填的是 http 地址。钉钉要求 https（错误 43003），生成的地址都用 https，请确认平台已配置证书。',
    );
    expect(within(item).queryByTestId('field-error')).not.toBeInTheDocument();
    expect(item).toHaveClass('ant-form-item-has-warning');
  });

  it('does not show the "empty" message on a box the admin has not touched yet', () => {
    renderWizard(makeView());
    expect(screen.queryByTestId('field-error')).not.toBeInTheDocument();
    expect(screen.queryByText(/请填写私有云域名/)).not.toBeInTheDocument();
  });

  it('sends what is typed to the core, keystroke by keystroke', async () => {
    const { user } = renderWizard(makeView());
    const input = screen.getByTestId('field-domain');
    await user.type(input, 'oa.example.com');
    expect(input).toHaveValue('oa.example.com');
    const sent = api.updateProfile.mock.calls.map(([p]) => p.values.domain);
    expect(sent).toHaveLength('oa.example.com'.length);
    expect(sent[0]).toBe('o');
    expect(sent.at(-1)).toBe('oa.example.com');
    // The rest of the profile goes along unchanged.
    expect(lastUpdate()!.current_step).toBe('console_login');
    expect(lastUpdate()!.id).toBe(makeView().profile.id);
  });

  it("shows the core's verdict on what was typed", async () => {
    core.judge = (field, raw) => (field === 'agent_id' && raw === VALUES.client_id ? clientIdInAgentIdBox : undefined);
    renderWizard(makeView({ current_step: 'credentials' }));
    fireEvent.change(screen.getByTestId('field-agent_id'), { target: { value: VALUES.client_id } });
    await waitFor(() => expect(screen.getByTestId('field-error')).toHaveTextContent('应填到「Client ID（原 AppKey）」框'));
    expect(screen.getByTestId('move-field')).toBeInTheDocument();
  });

  it('replaces a pasted value with the cleaned one and says what was cleaned', async () => {
    core.judge = (field, raw) => (field === 'corp_id' && raw === PASTED_CORP_ID ? pastedCorpIdVerdict : undefined);
    renderWizard(makeView({ current_step: 'corp', confirmations: confirmationsBefore('corp') }));
    const input = screen.getByTestId('field-corp_id');
    fireEvent.paste(input);
    fireEvent.change(input, { target: { value: PASTED_CORP_ID } });
    expect(api.updateProfile.mock.calls[0]![0].values.corp_id).toBe(PASTED_CORP_ID);

    await waitFor(() => expect(input).toHaveValue(VALUES.corp_id));
    expect(screen.getByTestId('field-cleaned')).toHaveTextContent(
      '已自动清理：已将全角字符转为半角；已去掉两边的引号；已去掉首尾的空格、换行或标点',
    );
    // The cleaned value is saved too.
    await waitFor(() => expect(lastUpdate()!.values.corp_id).toBe(VALUES.corp_id));
    expect(api.updateProfile).toHaveBeenCalledTimes(2);

    // The note goes once the box is edited again.
    fireEvent.change(input, { target: { value: `${VALUES.corp_id}0` } });
    expect(screen.queryByTestId('field-cleaned')).not.toBeInTheDocument();
  });

  it('leaves a typed (not pasted) value as it is until the box loses focus', async () => {
    core.judge = (field, raw) => (field === 'corp_id' && raw === PASTED_CORP_ID ? pastedCorpIdVerdict : undefined);
    renderWizard(makeView({ current_step: 'corp' }));
    const input = screen.getByTestId('field-corp_id');
    fireEvent.change(input, { target: { value: PASTED_CORP_ID } });
    await waitFor(() => expect(api.updateProfile).toHaveBeenCalledTimes(1));
    await act(() => Promise.resolve());
    expect(input).toHaveValue(PASTED_CORP_ID);
    expect(screen.queryByTestId('field-cleaned')).not.toBeInTheDocument();

    fireEvent.blur(input);
    await waitFor(() => expect(input).toHaveValue(VALUES.corp_id));
    expect(screen.getByTestId('field-cleaned')).toHaveTextContent('已去掉两边的引号');
  });
});
