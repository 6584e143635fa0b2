// The scan step: each code's QR image, the exact URL it holds, what the admin should see and what it
// means if not; a code that cannot be made yet names the missing values instead. Copy image, save
// PNG and copy link go through the API and say how it went.
import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { ProfileView, ScanCode } from '../ipc/bindings';
import i18n from '../i18n';
import { makeView, VALUES } from '../test/fixtures';
import { api, failure } from '../test/mockApi';
import { renderWithApp } from '../test/render';
import ScanCodes from './ScanCodes';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const text = (zh: string, en: string) => ({ zh, en });
const PNG = (n: number) => `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAALgAAAC4CAAAAAA${n}`;

const LOGIN_URL =
  'https://login.dingtalk.com/oauth2/auth?redirect_uri=https%3A%2F%2Foa.example.com%2Fdingding%2Fdd_or_code_corp_list&response_type=code&client_id=dingq3xvmfkwz8rtnpey&scope=openid%20corpid&state=dingbind-4b7c2e90&prompt=consent';
const WORKBENCH_URL =
  'dingtalk://dingtalkclient/action/openapp?corpid=ding5f2c8a91e0b7d346&container_type=work_platform&app_id=0_836390886&redirect_type=jump&redirect_url=https%3A%2F%2Foa.example.com%2Fdingding%2Fdingding_auth_corp%3FcorpId%3Dding5f2c8a91e0b7d346';
const HOME_URL = 'https://oa.example.com/dingding/dingding_auth_corp?corpId=ding5f2c8a91e0b7d346';

function code(kind: ScanCode['kind'], extra: Partial<ScanCode> = {}): ScanCode {
  const titles = {
    web_login: text('网页扫码登录', 'Web scan-to-login'),
    workbench: text('在工作台打开应用', 'Open the app in the workbench'),
    mobile_home: text('手机端首页', 'Mobile home page'),
  } as const;
  return {
    kind,
    title: titles[kind],
    url: null,
    missing: [],
    expect: text(`${titles[kind].zh}：应该看到的样子`, `${titles[kind].en}: what you should see`),
    if_not: [
      {
        seen: text(`${titles[kind].zh}：看到的不一样`, `${titles[kind].en}: something else`),
        means: text(`${titles[kind].zh}：不是这样时的原因`, `${titles[kind].en}: what it means if not`),
      },
    ],
    png: null,
    ...extra,
  };
}

const REDIRECT_ERROR = {
  seen: text('显示「重定向错误」', '“重定向错误” (redirect error)'),
  means: text(
    '左侧菜单 › 开发配置 › 安全设置 › 重定向URL（回调域名）与扫码登录回调地址不一致。',
    'left menu › 开发配置 › 安全设置 › 重定向URL（回调域名） (Dev config › Security settings › Redirect URL) does not match the scan-login callback URL exactly.',
  ),
};
const NO_SUCH_APP = {
  seen: text('显示「应用不存在」', '“应用不存在” (app does not exist)'),
  means: text('Client ID 不对。', 'The Client ID is wrong.'),
};
const WEB_LOGIN = code('web_login', {
  url: LOGIN_URL,
  png: PNG(1),
  expect: text(
    '钉钉里出现授权确认页，显示「示例科技有限公司」；点「确认登录」后，页面跳到 oa.example.com 并登录平台。',
    'DingTalk shows a consent page naming “示例科技有限公司”; after you confirm, the page goes on to oa.example.com and signs you in to the platform.',
  ),
  if_not: [REDIRECT_ERROR, NO_SUCH_APP],
});
const WORKBENCH = code('workbench', { url: WORKBENCH_URL, png: PNG(2) });
const MOBILE_HOME = code('mobile_home', { url: HOME_URL, png: PNG(3) });
/** The workbench code while CorpId and AgentId are still empty. */
const WORKBENCH_MISSING = code('workbench', { missing: ['corp_id', 'agent_id'] });

const PROFILE_ID = makeView().profile.id;
const view = (values: Partial<typeof VALUES> = VALUES) => makeView({ current_step: 'scan_codes', values });

function renderCodes(codes: ScanCode[], practice: string | null = null) {
  api.scanCodes.mockResolvedValue(codes);
  return renderWithApp(<ScanCodes view={view()} practice={practice} />);
}

describe('scan codes', () => {
  it('shows every code with its image, exact URL and both captions', async () => {
    renderCodes([WEB_LOGIN, WORKBENCH, MOBILE_HOME]);
    const cards = await Promise.all(['web_login', 'workbench', 'mobile_home'].map((k) => screen.findByTestId(`scan-${k}`)));
    expect(api.scanCodes).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/用手机钉钉扫描下面的二维码/)).toBeInTheDocument();

    for (const [card, c] of cards.map((el, i) => [el, [WEB_LOGIN, WORKBENCH, MOBILE_HOME][i]!] as const)) {
      expect(within(card).getByText(c.title.zh)).toBeInTheDocument();
      const img = within(card).getByTestId(`qr-${c.kind}`);
      expect(img).toHaveAttribute('src', c.png);
      expect(img).toHaveAttribute('alt', c.title.zh);
      // The URL exactly as encoded, not shortened or re-escaped.
      expect(within(card).getByTestId(`scan-url-${c.kind}`).textContent).toBe(c.url);
      expect(within(card).getByText('扫码后应该看到')).toBeInTheDocument();
      expect(within(card).getByText(c.expect.zh)).toBeInTheDocument();
      expect(within(card).getByText('如果不是这样')).toBeInTheDocument();
      for (const s of c.if_not) {
        expect(within(card).getByTestId(`scan-if-not-${c.kind}`)).toHaveTextContent(`${s.seen.zh}：${s.means.zh}`);
      }
      expect(within(card).getByTestId(`qr-copy-${c.kind}`)).toHaveTextContent('复制图片');
      expect(within(card).getByTestId(`qr-save-${c.kind}`)).toHaveTextContent('保存为 PNG');
      expect(within(card).queryByText(/还缺少/)).not.toBeInTheDocument();
    }
    expect(screen.queryByText(/练习模式/)).not.toBeInTheDocument();
  });

  it('shows a placeholder naming the missing values instead of a code', async () => {
    renderCodes([WEB_LOGIN, WORKBENCH_MISSING, MOBILE_HOME]);
    const card = await screen.findByTestId('scan-workbench');
    expect(within(card).getByText('还缺少：CorpId、AgentId')).toBeInTheDocument();
    expect(within(card).queryByRole('img', { name: '在工作台打开应用' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('qr-workbench')).not.toBeInTheDocument();
    expect(screen.queryByTestId('scan-url-workbench')).not.toBeInTheDocument();
    expect(screen.queryByTestId('qr-copy-workbench')).not.toBeInTheDocument();
    expect(screen.queryByTestId('qr-save-workbench')).not.toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /复制链接/ })).not.toBeInTheDocument();
    // What to expect is still said, so the admin knows what the code is for.
    expect(within(card).getByText(WORKBENCH_MISSING.expect.zh)).toBeInTheDocument();
    // The other codes are unaffected.
    expect(screen.getByTestId('qr-web_login')).toHaveAttribute('src', WEB_LOGIN.png);
    expect(screen.getByTestId('qr-mobile_home')).toHaveAttribute('src', MOBILE_HOME.png);
  });

  it('names one missing value with its label', async () => {
    renderCodes([code('web_login', { missing: ['client_id'] })]);
    expect(await screen.findByText('还缺少：Client ID（原 AppKey）')).toBeInTheDocument();
  });

  it('copies the image through the API and says so', async () => {
    api.copyQrImage.mockResolvedValue(null);
    const { user } = renderCodes([WEB_LOGIN, WORKBENCH, MOBILE_HOME]);
    await user.click(await screen.findByTestId('qr-copy-workbench'));
    expect(api.copyQrImage).toHaveBeenCalledTimes(1);
    expect(api.copyQrImage).toHaveBeenCalledWith(PROFILE_ID, 'workbench');
    expect(await screen.findByText('二维码图片已复制，可以直接粘贴到聊天或文档里')).toBeInTheDocument();
  });

  it('saves the PNG through the API and shows where it went', async () => {
    api.saveQrPng.mockResolvedValue('/home/admin/下载/钉钉扫码登录.png');
    const { user } = renderCodes([WEB_LOGIN, WORKBENCH, MOBILE_HOME]);
    await user.click(await screen.findByTestId('qr-save-web_login'));
    expect(api.saveQrPng).toHaveBeenCalledWith(PROFILE_ID, 'web_login');
    expect(await screen.findByText('已保存到 /home/admin/下载/钉钉扫码登录.png')).toBeInTheDocument();
  });

  it('says nothing when the save dialog is cancelled', async () => {
    api.saveQrPng.mockResolvedValue(null);
    const { user } = renderCodes([MOBILE_HOME]);
    await user.click(await screen.findByTestId('qr-save-mobile_home'));
    await waitFor(() => expect(api.saveQrPng).toHaveBeenCalledWith(PROFILE_ID, 'mobile_home'));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText(/已保存到/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the error when copying or saving fails', async () => {
    api.copyQrImage.mockRejectedValue(failure('剪贴板不可用'));
    api.saveQrPng.mockRejectedValue(failure('磁盘已满'));
    const { user } = renderCodes([WEB_LOGIN]);
    await user.click(await screen.findByTestId('qr-copy-web_login'));
    expect(await screen.findByText('剪贴板不可用')).toBeInTheDocument();
    await user.click(screen.getByTestId('qr-save-web_login'));
    expect(await screen.findByText('磁盘已满')).toBeInTheDocument();
    expect(screen.queryByText(/二维码图片已复制/)).not.toBeInTheDocument();
  });

  it('copies the exact link', async () => {
    const { user } = renderCodes([WEB_LOGIN, WORKBENCH, MOBILE_HOME]);
    const card = await screen.findByTestId('scan-workbench');
    await user.click(within(card).getByRole('button', { name: /复制链接/ }));
    expect(api.copy).toHaveBeenCalledWith(WORKBENCH_URL);
    expect(await screen.findByText('已复制')).toBeInTheDocument();
  });

  it('says so in practice mode', async () => {
    renderCodes([WEB_LOGIN], 'healthy');
    expect(await screen.findByText('练习模式：二维码指向模拟的钉钉登录页，手机扫不通，仅用于熟悉流程。')).toBeInTheDocument();
  });

  it('says when the template has nothing to scan', async () => {
    renderCodes([]);
    expect(await screen.findByText('这个平台模板没有需要扫码验证的地址。')).toBeInTheDocument();
  });

  it('shows why the codes could not be made', async () => {
    api.scanCodes.mockRejectedValue(failure('没有打开的配置。', 'No profile is open.'));
    renderWithApp(<ScanCodes view={view()} practice={null} />);
    expect(await screen.findByText('没有打开的配置。')).toBeInTheDocument();
  });

  it('fetches the codes again when the values change, not on every render', async () => {
    api.scanCodes.mockResolvedValueOnce([WORKBENCH_MISSING]).mockResolvedValueOnce([WORKBENCH]);
    let show: (v: ProfileView) => void = () => {};
    function Harness({ initial }: { initial: ProfileView }) {
      const [v, setV] = useState(initial);
      show = setV;
      return <ScanCodes view={v} practice={null} />;
    }
    const first = view({ domain: VALUES.domain });
    renderWithApp(<Harness initial={first} />);
    expect(await screen.findByText('还缺少：CorpId、AgentId')).toBeInTheDocument();
    expect(api.scanCodes).toHaveBeenCalledTimes(1);
    // The same values in a new object: no refetch.
    act(() => show(structuredClone(first)));
    expect(screen.getByText('还缺少：CorpId、AgentId')).toBeInTheDocument();
    expect(api.scanCodes).toHaveBeenCalledTimes(1);
    // New values: the codes follow.
    act(() => show(view()));
    await waitFor(() => expect(screen.getByTestId('qr-workbench')).toHaveAttribute('src', WORKBENCH.png));
    expect(api.scanCodes).toHaveBeenCalledTimes(2);
    expect(screen.queryByText(/还缺少/)).not.toBeInTheDocument();
  });

  it('speaks English when the app does', async () => {
    await i18n.changeLanguage('en');
    renderCodes([WEB_LOGIN, WORKBENCH_MISSING]);
    expect(await screen.findByText(WEB_LOGIN.expect.en)).toBeInTheDocument();
    // 如果不是这样 is a list: what is seen in bold, then what it means.
    const ifNot = screen.getByTestId('scan-if-not-web_login');
    expect(within(ifNot).getAllByRole('listitem')).toHaveLength(2);
    expect(within(ifNot).getByText(REDIRECT_ERROR.seen.en).tagName).toBe('STRONG');
    expect(ifNot).toHaveTextContent(`${NO_SUCH_APP.seen.en}: ${NO_SUCH_APP.means.en}`);
    expect(screen.getByTestId('qr-web_login')).toHaveAttribute('alt', 'Web scan-to-login');
    expect(within(screen.getByTestId('scan-workbench')).getByText(/^Still needed: CorpId.+AgentId$/)).toBeInTheDocument();
  });
});
