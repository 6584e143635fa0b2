// The generated URLs of the web_app and login steps: `$CORPID$` kept and highlighted, copy buttons,
// and the "fill in … first" text while a value is missing.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { confirmationsBefore, makeView, VALUES } from '../test/fixtures';
import { api } from '../test/mockApi';
import { renderWizard } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const HOME = 'https://oa.example.com/dingding/dingding_auth_corp?corpId=$CORPID$';
const PC_HOME = 'https://oa.example.com/index.php?dingding/dd_client_callback&corpId=$CORPID$';
const ADMIN = 'https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId=ding5f2c8a91e0b7d346';

function webApp(values = { domain: VALUES.domain, corp_id: VALUES.corp_id }) {
  return makeView({ current_step: 'web_app', values, confirmations: confirmationsBefore('web_app') });
}

describe('generated URLs', () => {
  it('shows the three web-app URLs with $CORPID$ highlighted', () => {
    renderWizard(webApp());
    expect(screen.getByTestId('step-title')).toHaveTextContent('配置访问地址');
    const cards = ['home', 'pc_home', 'admin'].map((n) => screen.getByTestId(`url-${n}`));
    expect(screen.queryByTestId('url-login_callback')).not.toBeInTheDocument();

    const [home, pcHome, admin] = cards as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(home).getByText('移动端首页地址')).toBeInTheDocument();
    expect(within(home).getByTestId('url-text')).toHaveTextContent(HOME, { normalizeWhitespace: false });
    expect(within(pcHome).getByTestId('url-text')).toHaveTextContent(PC_HOME, { normalizeWhitespace: false });
    expect(within(admin).getByTestId('url-text')).toHaveTextContent(ADMIN, { normalizeWhitespace: false });
    expect(within(home).getByText('粘贴到：左侧菜单 › 应用能力 › 网页应用 › 移动端首页地址')).toBeInTheDocument();

    const token = (card: HTMLElement) => [...card.querySelectorAll('.corpid-token')].map((el) => el.textContent);
    expect(token(home)).toEqual(['$CORPID$']);
    expect(token(pcHome)).toEqual(['$CORPID$']);
    // The admin URL carries the CorpId itself, not the placeholder.
    expect(token(admin)).toEqual([]);
  });

  it('copies the exact URL and then says 已复制', async () => {
    const { user } = renderWizard(webApp());
    const button = screen.getByTestId('copy-pc_home');
    expect(button).toHaveTextContent('复制');
    expect(button).not.toHaveTextContent('已复制');
    await user.click(button);
    expect(api.copy).toHaveBeenCalledTimes(1);
    expect(api.copy).toHaveBeenCalledWith(PC_HOME);
    await waitFor(() => expect(button).toHaveTextContent('已复制'));
    expect(screen.getByTestId('copy-home')).not.toHaveTextContent('已复制');

    await user.click(screen.getByTestId('copy-admin'));
    expect(api.copy).toHaveBeenLastCalledWith(ADMIN);
  });

  it('says so when copying fails', async () => {
    api.copy.mockRejectedValueOnce('clipboard unavailable');
    const { user } = renderWizard(webApp());
    await user.click(screen.getByTestId('copy-home'));
    expect(await screen.findByText('操作没有完成：clipboard unavailable')).toBeInTheDocument();
    expect(screen.getByTestId('copy-home')).not.toHaveTextContent('已复制');
  });

  it('shows 填写 … 后生成 instead of a copy button while a value is missing', () => {
    renderWizard(webApp({ domain: VALUES.domain, corp_id: '' }));
    const admin = screen.getByTestId('url-admin');
    expect(admin).toHaveTextContent('填写 CorpId 后生成');
    expect(admin).toHaveTextContent('https://{domain}/index.php?dingding/dd_callback&usertype=admin&corpId={corp_id}');
    expect(screen.queryByTestId('copy-admin')).not.toBeInTheDocument();
    expect(within(admin).queryByRole('button', { name: /复制/ })).not.toBeInTheDocument();
    // The URLs that need only the domain are ready.
    expect(screen.getByTestId('copy-home')).toBeInTheDocument();
    expect(screen.getByTestId('copy-pc_home')).toBeInTheDocument();
  });

  it('names every missing field, and shows no URL at all without the domain', () => {
    renderWizard(webApp({ domain: '', corp_id: '' }));
    for (const name of ['home', 'pc_home']) {
      expect(screen.getByTestId(`url-${name}`)).toHaveTextContent('填写 私有云域名 后生成');
      expect(screen.queryByTestId(`copy-${name}`)).not.toBeInTheDocument();
    }
    expect(screen.getByTestId('url-admin')).toHaveTextContent('填写 私有云域名 / CorpId 后生成');
    expect(screen.queryByTestId('url-text')).not.toBeInTheDocument();
  });

  it('updates the URLs when the core answers with new values', async () => {
    const { user } = renderWizard(webApp({ domain: VALUES.domain, corp_id: '' }));
    expect(screen.queryByTestId('copy-admin')).not.toBeInTheDocument();
    // Any edit brings a fresh evaluation; let the core now know the CorpId.
    api.updateProfile.mockImplementationOnce(async (p) =>
      makeView({ ...p, values: { ...p.values, corp_id: VALUES.corp_id } }),
    );
    await user.click(screen.getByText('我已添加网页应用能力并保存了三个地址'));
    await waitFor(() => expect(screen.getByTestId('copy-admin')).toBeInTheDocument());
    expect(within(screen.getByTestId('url-admin')).getByTestId('url-text')).toHaveTextContent(ADMIN);
  });

  it('shows the scan-login callback on the login step', async () => {
    const { user } = renderWizard(makeView({ current_step: 'login', values: { domain: VALUES.domain } }));
    expect(screen.getByTestId('url-login_callback')).toHaveTextContent('https://oa.example.com/dingding/dd_or_code_corp_list');
    expect(screen.queryByTestId('url-home')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('copy-login_callback'));
    expect(api.copy).toHaveBeenCalledWith('https://oa.example.com/dingding/dd_or_code_corp_list');
  });
});
