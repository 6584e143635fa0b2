import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { confirmationsBefore, HEALTHY, makeView, seedTemplate, VALUES, runItem } from '../test/fixtures';
import { api, failure } from '../test/mockApi';
import { renderWizard } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const STEP_TITLES = [
  '登录钉钉开发者后台',
  '团队名称和 CorpId',
  '创建钉钉应用',
  '填写应用凭证',
  '配置访问地址',
  '开通权限',
  '发布应用',
  '接入登录',
  '获取 SSOsecret',
  '安装钉钉初始化',
  '开启扫码登录',
];

/** The first step, with the domain filled in and (when `confirmed`) its confirmation ticked. */
function firstStep(confirmed: boolean) {
  return makeView({
    values: { domain: VALUES.domain },
    confirmations: confirmed ? { 'console_login.signed_in': '2026-03-02T09:18:00+08:00' } : {},
  });
}

const lastUpdate = () => api.updateProfile.mock.lastCall?.[0];


describe('WizardScreen on the seed-003 template', () => {
  it('lists the 11 setup steps, then 验证与交付: scan, login test, live test, history and report', () => {
    renderWizard(firstStep(false));
    const [setup, pages] = [...document.querySelectorAll<HTMLElement>('.wizard-steps')];
    expect(within(setup!).getAllByRole('button').map((el) => el.querySelector('.ant-steps-item-title')?.textContent)).toEqual(STEP_TITLES);
    expect(within(pages!).getAllByRole('button').map((el) => el.querySelector('.ant-steps-item-title')?.textContent)).toEqual([
      '扫码验证',
      '登录测试',
      '实时检测',
      '检测记录',
      '报告与交付',
    ]);
    expect(screen.getByText('验证与交付')).toBeInTheDocument();
    const items = [...document.querySelectorAll<HTMLElement>('.wizard-steps [role=button]')];
    expect(items.map((el) => el.getAttribute('data-testid'))).toEqual([
      ...seedTemplate.steps.map((s) => `step-nav-${s.id}`),
      'step-nav-scan_codes',
      'step-nav-login_test',
      'step-nav-live',
      'step-nav-history',
      'step-nav-summary',
    ]);
    expect(seedTemplate.steps.map((s) => s.title.zh)).toEqual(STEP_TITLES);
    expect(screen.getByTestId('step-nav-console_login')).toHaveClass('ant-steps-item-process');
  });

  it("renders the current step's title, body, tip and fields", () => {
    renderWizard(makeView({ current_step: 'corp', confirmations: confirmationsBefore('corp') }));
    expect(screen.getByTestId('step-title')).toHaveTextContent('团队名称和 CorpId');
    expect(screen.getByText('第 2 步 / 共 11 步')).toBeInTheDocument();
    expect(screen.getByText(/开发者后台首页会显示企业的 CorpId（以 ding 开头）/)).toBeInTheDocument();
    expect(screen.getByText(/企业名称（CorpName）是员工扫码登录时看到的企业名称/)).toBeInTheDocument();
    expect(screen.getByText(/CorpId 在后台首页，不是应用里的 Client ID/)).toBeInTheDocument();
    expect(screen.getByTestId('field-corp_id')).toBeInTheDocument();
    expect(screen.getByTestId('field-corp_name')).toBeInTheDocument();
    expect(screen.queryByTestId('field-domain')).not.toBeInTheDocument();
  });

  it('renders a numbered body as a list', () => {
    renderWizard(makeView({ current_step: 'create_app' }));
    const items = document.querySelectorAll('.step-body ol li');
    expect([...items].map((li) => li.textContent)).toEqual([
      '点击下方按钮打开“应用开发 › 钉钉应用”列表。',
      '点击右上角“创建应用”。',
      '填写应用名称（至少 2 个字）和应用描述（至少 4 个字），可以上传图标。',
      '开发模式选择“企业自助开发”（企业内部应用），然后保存。',
    ]);
  });

  it("opens the step's console page through the shell", async () => {
    const { user } = renderWizard(makeView({ current_step: 'sso_secret' }));
    const button = screen.getByTestId('open-console');
    expect(button).toHaveTextContent('打开开发信息（旧版）');
    await user.click(button);
    expect(api.openLink).toHaveBeenCalledTimes(1);
    expect(api.openLink).toHaveBeenCalledWith('https://open-dev.dingtalk.com/fe/old#/corpAuthInfo');
    expect(await screen.findByText('已在浏览器中打开')).toBeInTheDocument();
  });

  it('shows an error when the console link cannot be opened', async () => {
    api.openLink.mockRejectedValueOnce(failure('只能打开钉钉的页面。', 'Only DingTalk pages can be opened.', 'not_allowed'));
    const { user } = renderWizard(firstStep(false));
    await user.click(screen.getByTestId('open-console'));
    expect(api.openLink).toHaveBeenCalledWith('https://open-dev.dingtalk.com/');
    expect(await screen.findByText('只能打开钉钉的页面。')).toBeInTheDocument();
  });

  it('saves a ticked confirmation under "<step>.<confirm>" and removes it when unticked', async () => {
    const { user } = renderWizard(firstStep(false));
    const box = screen.getByTestId('confirm-signed_in');
    expect(box).not.toBeChecked();
    await user.click(screen.getByText('我已用管理员账号登录开发者后台'));
    expect(api.updateProfile).toHaveBeenCalledTimes(1);
    const sent = lastUpdate()!;
    expect(Object.keys(sent.confirmations)).toEqual(['console_login.signed_in']);
    expect(Number.isNaN(Date.parse(sent.confirmations['console_login.signed_in']!))).toBe(false);
    expect(sent.values.domain).toBe(VALUES.domain);
    expect(box).toBeChecked();

    await user.click(box);
    expect(api.updateProfile).toHaveBeenCalledTimes(2);
    expect(lastUpdate()!.confirmations).toEqual({});
    expect(box).not.toBeChecked();
  });

  it('Next moves to the following step and reads 暂时跳过 while the step is incomplete', async () => {
    const { user } = renderWizard(firstStep(false));
    const next = screen.getByTestId('next');
    expect(next).toHaveTextContent('暂时跳过');
    expect(next).not.toHaveTextContent('下一步');
    await user.click(next);
    expect(lastUpdate()!.current_step).toBe('corp');
    await waitFor(() => expect(screen.getByTestId('step-title')).toHaveTextContent('团队名称和 CorpId'));
    expect(screen.getByTestId('step-nav-corp')).toHaveClass('ant-steps-item-process');
  });

  it('Next reads 下一步 once the step is complete', async () => {
    const { user } = renderWizard(firstStep(true));
    const next = screen.getByTestId('next');
    expect(next).toHaveTextContent('下一步');
    expect(next).not.toHaveTextContent('暂时跳过');
    await user.click(next);
    expect(lastUpdate()!.current_step).toBe('corp');
  });

  it('Next turns from 暂时跳过 into 下一步 when the core reports the step complete', async () => {
    const { user } = renderWizard(firstStep(false));
    expect(screen.getByTestId('next')).toHaveTextContent('暂时跳过');
    await user.click(screen.getByText('我已用管理员账号登录开发者后台'));
    await waitFor(() => expect(screen.getByTestId('next')).toHaveTextContent('下一步'));
  });

  it('the last step leads through scan, login test, live test and history to the report; Back goes to the previous step', async () => {
    const { user } = renderWizard(makeView({ current_step: 'scan_login' }));
    expect(screen.getByTestId('next')).toHaveTextContent('去扫码验证');
    await user.click(screen.getByTestId('back'));
    expect(lastUpdate()!.current_step).toBe('install');
    await user.click(screen.getByTestId('next'));
    expect(lastUpdate()!.current_step).toBe('scan_login');
    const pages: [string, string, string][] = [
      ['scan_codes', '扫码验证：亲眼看到绑定生效', '去登录测试'],
      ['login_test', '登录测试（可选）', '去实时检测'],
      ['live', '实时检测', '查看检测记录'],
      ['history', '检测记录与对比', '去生成报告'],
    ];
    for (const [id, title, next] of pages) {
      await user.click(screen.getByTestId('next'));
      expect(lastUpdate()!.current_step).toBe(id);
      await waitFor(() => expect(screen.getByTestId('step-title')).toHaveTextContent(title));
      expect(screen.getByTestId('next')).toHaveTextContent(next);
    }
    await user.click(screen.getByTestId('next'));
    expect(lastUpdate()!.current_step).toBe('summary');
    await waitFor(() => expect(screen.queryByTestId('next')).toBeNull());
  });

  it('Back is disabled on the first step', () => {
    renderWizard(firstStep(false));
    expect(screen.getByTestId('back')).toBeDisabled();
  });

  it('clicking a step in the side bar goes there', async () => {
    const { user } = renderWizard(firstStep(false));
    await user.click(screen.getByText('获取 SSOsecret'));
    expect(lastUpdate()!.current_step).toBe('sso_secret');
    await waitFor(() => expect(screen.getByTestId('step-title')).toHaveTextContent('获取 SSOsecret'));
  });

  it('Enter in a field does nothing while the step is incomplete', () => {
    renderWizard(firstStep(false));
    fireEvent.keyDown(screen.getByTestId('field-domain'), { key: 'Enter', code: 'Enter' });
    expect(api.updateProfile).not.toHaveBeenCalled();
    expect(screen.getByTestId('step-title')).toHaveTextContent('登录钉钉开发者后台');
  });

  it('Enter in a field moves on once the step is complete', async () => {
    renderWizard(firstStep(true));
    fireEvent.keyDown(screen.getByTestId('field-domain'), { key: 'Enter', code: 'Enter' });
    expect(api.updateProfile).toHaveBeenCalledTimes(1);
    expect(lastUpdate()!.current_step).toBe('corp');
    await waitFor(() => expect(screen.getByTestId('step-title')).toHaveTextContent('团队名称和 CorpId'));
  });

  it('Enter on a button or while composing (IME) does not move on', () => {
    renderWizard(firstStep(true));
    fireEvent.keyDown(screen.getByTestId('open-console'), { key: 'Enter', code: 'Enter' });
    fireEvent.keyDown(screen.getByTestId('field-domain'), { key: 'Enter', code: 'Enter', isComposing: true });
    expect(api.updateProfile).not.toHaveBeenCalled();
  });

  it('shows progress from the evaluation', () => {
    renderWizard(
      makeView(
        { values: { domain: VALUES.domain, corp_id: VALUES.corp_id, corp_name: VALUES.corp_name }, confirmations: confirmationsBefore('credentials') },
        {},
      ),
    );
    // console_login, corp and create_app are complete; sso_secret has no confirm but its field is empty.
    expect(screen.getByTestId('setup-progress')).toHaveTextContent('配置：已完成 3 / 11 步');
  });

  it('says what the last live test found beside the setup progress', async () => {
    api.listRuns.mockResolvedValue([runItem({ fail: 3 })]);
    renderWizard(firstStep(false));
    await waitFor(() => expect(screen.getByTestId('verify-progress')).toHaveTextContent('验证：最近一次检测有 3 项未通过'));
    expect(screen.getByTestId('step-nav-live')).toHaveClass('ant-steps-item-error');
  });

  it('does not count a practice run as checked', async () => {
    api.listRuns.mockResolvedValue([runItem({ practice: HEALTHY })]);
    renderWizard(firstStep(false));
    await waitFor(() => expect(screen.getByTestId('verify-progress')).toHaveTextContent('最近一次是练习模式'));
    expect(screen.getByTestId('step-nav-live')).not.toHaveClass('ant-steps-item-finish');
  });
});
