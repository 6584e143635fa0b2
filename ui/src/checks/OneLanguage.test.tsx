// One language at a time: what the Chinese UI shows an admin carries no internal English — no
// practice scenario id, no diagnosis code, check id or data key. Those are for support and live
// only under the collapsed 技术信息.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import type { CheckResult } from '../ipc';
import { HEALTHY, MISSING_CONTACT_SCOPE } from '../test/fixtures';
import { renderWithApp } from '../test/render';
import CheckDrawer from './CheckDrawer';
import { PracticeBanner, PracticeSwitch } from './PracticeBar';

const text = (zh: string, en: string) => ({ zh, en });

const FAILED: CheckResult = {
  id: 'scope.qyapi_get_member',
  title: text('权限：成员信息读权限', 'Permission: read member information'),
  status: 'fail',
  code: 'missing_scope',
  data: { required_scopes: ['qyapi_get_member'], http_status: 200 },
  message: text('钉钉说应用没有权限调用这个接口：应用缺少接口权限。', 'DingTalk says the app may not call this API.'),
  fix: text('去 左侧菜单 › 开发配置 › 权限管理：搜索并开通。', 'Go to left menu › 开发配置 › 权限管理: search and grant.'),
  fix_url: 'https://open-dev.dingtalk.com/fe/app#/corp/app',
  advice: {
    symptom: text('钉钉说应用没有权限调用这个接口（错误码 60011）', 'DingTalk says the app may not call this API (error code 60011)'),
    cause: text('应用缺少接口权限（成员信息读权限）。', 'The app lacks the permission to read member information.'),
    place: text('左侧菜单 › 开发配置 › 权限管理', 'left menu › 开发配置 › 权限管理 (Dev config › Permission management)'),
    steps: [text('在开发者后台的应用列表里点开这个应用', 'Open this app'), text('搜索权限并点「立即开通」', 'Search and grant it')],
    notes: [],
  },
  original: null,
  duration_ms: 12,
  skipped_because: [],
  trace: [],
};

/** The text an admin sees in `el`: everything but the folded technical section. */
function adminText(el: HTMLElement, technical: string): string {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const t of copy.querySelectorAll(`[data-testid="${technical}"]`)) t.remove();
  return copy.textContent ?? '';
}

const INTERNAL = ['missing_scope', 'scope.qyapi_get_member', 'required_scopes', 'http_status', 'missing-contact-scope'];

describe('the Chinese UI speaks Chinese', () => {
  it('the check drawer keeps the check id, the diagnosis code and the data keys under 技术信息', async () => {
    renderWithApp(<CheckDrawer result={FAILED} onClose={() => {}} />);
    const drawer = await screen.findByTestId('check-drawer');
    await waitFor(() => expect(screen.getByTestId('drawer-cause')).toHaveTextContent('现象'));
    const shown = adminText(drawer, 'drawer-technical');
    for (const id of INTERNAL) expect(shown).not.toContain(id);
    // They are there for support, folded away.
    const technical = screen.getByTestId('drawer-technical');
    expect(technical).toHaveTextContent('missing_scope');
    expect(technical).toHaveTextContent('scope.qyapi_get_member');
    expect(screen.getByTestId('drawer-code')).not.toBeVisible();
  });

  it('practice mode names its scenario in Chinese, in the banner and in both pickers', async () => {
    const practice = { scenario: MISSING_CONTACT_SCOPE, scenarios: [HEALTHY, MISSING_CONTACT_SCOPE] };
    const { user } = renderWithApp(
      <>
        <PracticeBanner practice={practice} onChange={() => {}} />
        <PracticeSwitch practice={practice} onChange={() => {}} />
      </>,
    );
    const banner = await screen.findByTestId('practice-banner');
    expect(banner).toHaveTextContent('缺少通讯录权限');
    expect(banner).not.toHaveTextContent('missing-contact-scope');
    expect(screen.getByTestId('practice-switch')).toHaveTextContent('练习模式 · 缺少通讯录权限');
    await user.click(screen.getByTestId('practice-scenario').querySelector('.ant-select-selector') ?? screen.getByTestId('practice-scenario'));
    await waitFor(() => expect(screen.getAllByText('一切正常').length).toBeGreaterThan(0));
    // The options as shown (antd also keeps the values in a hidden list for screen readers).
    const options = [...document.querySelectorAll('.ant-select-item-option-content')].map((o) => o.textContent);
    expect(options).toContain('一切正常');
    expect(options).toContain('缺少通讯录权限');
    expect(options.join(' ')).not.toMatch(/healthy|missing-contact-scope/);
  });
});
