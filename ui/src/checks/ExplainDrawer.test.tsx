// "我有一条报错": a pasted missing-permission error gets the cause, the fix, and per missing
// permission its console name with DingTalk's apply page.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { Diagnosis } from '../ipc/bindings';
import i18n from '../i18n';
import { api } from '../test/mockApi';
import { renderWithApp } from '../test/render';
import ExplainDrawer from './ExplainDrawer';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const CLIENT_ID = 'dingq3xvmfkwz8rtnpey';
const applyUrl = (scope: string) => `https://open-dev.dingtalk.com/appscope/apply?content=${CLIENT_ID}%23${scope}`;
const PASTED = `{"errcode":60011,"errmsg":"应用尚未开通所需的权限：[qyapi_get_member]，点击链接申请并开通即可：${applyUrl('qyapi_get_member')}"}`;

/** A diagnosis as the core sends it; `data` may carry fields the generated type does not know yet. */
function diagnosis(data: Record<string, unknown>, extra: Partial<Diagnosis> = {}): Diagnosis {
  return {
    code: 'missing_scope',
    errcode: '60011',
    data: data as Diagnosis['data'],
    cause: { zh: '应用缺少接口权限 qyapi_get_member', en: 'The app lacks the API permission qyapi_get_member' },
    fix: {
      zh: '点击“申请开通”开通该权限。开通后钉钉可能在最长 2 小时内仍沿用旧的 access_token。',
      en: 'Click Apply to grant it. After granting, DingTalk may keep using the old access token for up to 2 hours.',
    },
    fix_url: 'https://open-dev.dingtalk.com/fe/app#/corp/app',
    original: `应用尚未开通所需的权限：[qyapi_get_member]，点击链接申请并开通即可：${applyUrl('qyapi_get_member')}`,
    advice: {
      symptom: { zh: '钉钉说应用没有权限调用这个接口（错误码 60011）', en: 'DingTalk says the app may not call this API (error code 60011)' },
      cause: { zh: '应用缺少接口权限 qyapi_get_member', en: 'The app lacks the API permission qyapi_get_member' },
      place: { zh: '左侧菜单 › 开发配置 › 权限管理', en: 'left menu › 开发配置 › 权限管理 (Dev config › Permission management)' },
      steps: [{ zh: '点「申请开通」，确认开通', en: 'Click Apply and confirm' }],
      notes: [
        {
          zh: '开通后钉钉最长可能在 2 小时内仍沿用旧的 access_token。',
          en: 'After granting, DingTalk may keep using the old access token for up to 2 hours.',
        },
      ],
    },
    ...extra,
  };
}

const WITH_APPLY = diagnosis({
  required_scopes: ['qyapi_get_member'],
  scope_apply: [{ scope: 'qyapi_get_member', name: { zh: '成员信息读权限', en: 'Read member information' }, url: applyUrl('qyapi_get_member') }],
});

async function explain(found: Diagnosis[]) {
  api.explainError.mockResolvedValue(found);
  const rendered = renderWithApp(<ExplainDrawer open onClose={() => {}} />);
  await rendered.user.click(screen.getByTestId('explain-input'));
  await rendered.user.paste(PASTED);
  await rendered.user.click(screen.getByTestId('explain-submit'));
  expect(api.explainError).toHaveBeenCalledWith(PASTED);
  return rendered;
}

describe('explain an error', () => {
  it('names the missing permission and opens DingTalk’s apply page for it', async () => {
    const { user } = await explain([WITH_APPLY]);
    await waitFor(() =>
      expect(screen.getByTestId('missing-scope-qyapi_get_member')).toHaveTextContent('成员信息读权限qyapi_get_member申请开通'),
    );
    const card = screen.getByTestId('explain-result');
    expect(within(card).getByTestId('explain-fix')).toHaveTextContent('2 小时');
    await user.click(within(card).getByTestId('apply-scope-qyapi_get_member'));
    expect(api.openLink).toHaveBeenCalledWith(applyUrl('qyapi_get_member'));
    // The console button is still there.
    await user.click(within(card).getByRole('button', { name: /打开钉钉后台修复/ }));
    expect(api.openLink).toHaveBeenLastCalledWith('https://open-dev.dingtalk.com/fe/app#/corp/app');
  });

  it('in English', async () => {
    await act(() => i18n.changeLanguage('en'));
    await explain([WITH_APPLY]);
    await waitFor(() =>
      expect(screen.getByTestId('missing-scope-qyapi_get_member')).toHaveTextContent('Read member informationqyapi_get_memberApply'),
    );
  });

  it('without the Client ID: the codes, no apply buttons', async () => {
    await explain([diagnosis({ required_scopes: ['qyapi_get_member', 'Contact.User.Read'] })]);
    await waitFor(() => expect(screen.getByTestId('missing-scope-Contact.User.Read')).toHaveTextContent(/^Contact\.User\.Read$/));
    expect(screen.getByTestId('missing-scope-qyapi_get_member')).toHaveTextContent(/^qyapi_get_member$/);
    expect(within(screen.getByTestId('missing-scopes')).queryAllByRole('button')).toHaveLength(0);
  });

  it('nothing about permissions for another fault', async () => {
    await explain([
      diagnosis(
        { egress_ip: '203.0.113.7' },
        {
          code: 'ip_not_whitelisted',
          errcode: '60020',
          cause: { zh: '访问 IP 203.0.113.7 不在白名单中', en: 'IP 203.0.113.7 is not whitelisted' },
          advice: {
            symptom: { zh: '钉钉拒绝了来自 IP 203.0.113.7 的调用', en: 'DingTalk refused a call from IP 203.0.113.7' },
            cause: { zh: '访问 IP 203.0.113.7 不在白名单中', en: 'IP 203.0.113.7 is not whitelisted' },
            place: { zh: '左侧菜单 › 开发配置 › 安全设置 › 服务器出口IP', en: 'left menu › 开发配置 › 安全设置 › 服务器出口IP' },
            steps: [{ zh: '把 203.0.113.7 加进去，保存', en: 'Add 203.0.113.7 and save' }],
            notes: [],
          },
        },
      ),
    ]);
    await waitFor(() => expect(screen.getByTestId('explain-cause')).toHaveTextContent('访问 IP 203.0.113.7 不在白名单中'));
    expect(screen.queryByTestId('missing-scopes')).not.toBeInTheDocument();
  });

  it('reads as 现象 → 原因 → 去哪改, the path in bold, the diagnosis code only under 技术信息', async () => {
    await explain([WITH_APPLY]);
    const card = await screen.findByTestId('explain-result');
    await waitFor(() => expect(within(card).getByTestId('explain-cause')).toHaveTextContent('现象钉钉说应用没有权限调用这个接口'));
    expect(within(card).getByTestId('explain-cause')).toHaveTextContent('原因应用缺少接口权限 qyapi_get_member');
    const place = within(card).getByTestId('explain-fix-place');
    expect(place).toHaveTextContent('左侧菜单 › 开发配置 › 权限管理');
    expect(place.querySelector('strong')).toHaveTextContent('左侧菜单 › 开发配置 › 权限管理');
    expect(within(card).getByTestId('explain-fix')).toHaveTextContent(/^去哪改/);
    expect(within(card).getByTestId('explain-fix-steps').querySelectorAll('li')).toHaveLength(1);
    expect(within(card).getByTestId('explain-fix-notes')).toHaveTextContent('如果还不行');
    expect(card).not.toHaveTextContent('`');
    // The internal code is there for support, folded away.
    const technical = within(card).getByTestId('explain-technical');
    expect(within(technical).getByTestId('explain-code')).toHaveTextContent('missing_scope');
    expect(within(technical).getByTestId('explain-code')).not.toBeVisible();
  });
});
