// The missing permissions of a check or diagnosis: the console's name in the current language with
// the code, and one "申请开通" button per permission opening DingTalk's apply page for it.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import i18n from '../i18n';
import { IpcFailure, api } from '../test/mockApi';
import { renderWithApp } from '../test/render';
import MissingScopes from './MissingScopes';
import { missingScopes } from './scopeApply';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const CLIENT_ID = 'dingq3xvmfkwz8rtnpey';
const applyUrl = (scope: string) => `https://open-dev.dingtalk.com/appscope/apply?content=${CLIENT_ID}%23${scope}`;

/** What the core puts in `data` for a contact check missing three permissions. */
const THREE = {
  required_scopes: ['qyapi_get_member', 'qyapi_get_department_list', 'qyapi_get_department_member'],
  scope_apply: [
    { scope: 'qyapi_get_member', name: { zh: '成员信息读权限', en: 'Read member information' }, url: applyUrl('qyapi_get_member') },
    {
      scope: 'qyapi_get_department_list',
      name: { zh: '通讯录部门信息读权限', en: 'Read department information' },
      url: applyUrl('qyapi_get_department_list'),
    },
    { scope: 'qyapi_get_department_member', name: null, url: applyUrl('qyapi_get_department_member') },
  ],
};

describe('missing scopes', () => {
  it('names each permission in Chinese with its code, one apply button per permission', async () => {
    const { user } = renderWithApp(<MissingScopes data={THREE} />);
    await waitFor(() => expect(screen.getByTestId('missing-scope-qyapi_get_member')).toHaveTextContent('成员信息读权限'));
    const member = screen.getByTestId('missing-scope-qyapi_get_member');
    expect(within(member).getByText('qyapi_get_member')).toHaveClass('mono');
    expect(screen.getByTestId('missing-scope-qyapi_get_department_list')).toHaveTextContent('通讯录部门信息读权限qyapi_get_department_list');
    // No console name known: the code stands alone.
    expect(screen.getByTestId('missing-scope-qyapi_get_department_member')).toHaveTextContent(/^qyapi_get_department_member申请开通$/);
    expect(screen.getByTestId('missing-scopes')).toHaveTextContent('缺少的接口权限');
    expect(screen.getByTestId('missing-scopes-hint')).toHaveTextContent('每个“申请开通”按钮会打开钉钉的权限申请页');
    expect(within(screen.getByTestId('missing-scopes')).getAllByRole('button')).toHaveLength(3);

    for (const scope of THREE.required_scopes) {
      const button = screen.getByTestId(`apply-scope-${scope}`);
      expect(button).toHaveTextContent('申请开通');
      await user.click(button);
      expect(api.openLink).toHaveBeenLastCalledWith(applyUrl(scope));
    }
    expect(api.openLink).toHaveBeenCalledTimes(3);
    expect(screen.getByRole('button', { name: '申请开通：成员信息读权限' })).toBe(screen.getByTestId('apply-scope-qyapi_get_member'));
  });

  it('speaks English when the app does', async () => {
    await act(() => i18n.changeLanguage('en'));
    const { user } = renderWithApp(<MissingScopes data={THREE} />);
    await waitFor(() =>
      expect(screen.getByTestId('missing-scope-qyapi_get_member')).toHaveTextContent('Read member informationqyapi_get_memberApply'),
    );
    expect(screen.getByTestId('missing-scopes')).toHaveTextContent('Missing API permissions');
    expect(screen.getByTestId('missing-scopes-hint')).toHaveTextContent('Each Apply button opens DingTalk’s apply page');
    expect(screen.getByTestId('missing-scope-qyapi_get_department_list')).toHaveTextContent('Read department information');
    expect(screen.getByTestId('missing-scope-qyapi_get_member')).not.toHaveTextContent('成员信息读权限');
    await user.click(screen.getByRole('button', { name: 'Apply for Read department information' }));
    expect(api.openLink).toHaveBeenCalledWith(applyUrl('qyapi_get_department_list'));
  });

  it('lists the codes without buttons when DingTalk’s apply page is not known', async () => {
    renderWithApp(<MissingScopes data={{ required_scopes: ['qyapi_get_member', 'Contact.User.Read'], egress_ip: '203.0.113.7' }} />);
    await waitFor(() => expect(screen.getByTestId('missing-scope-Contact.User.Read')).toHaveTextContent(/^Contact\.User\.Read$/));
    expect(screen.getByTestId('missing-scope-qyapi_get_member')).toHaveTextContent(/^qyapi_get_member$/);
    expect(within(screen.getByTestId('missing-scopes')).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByTestId('missing-scopes-hint')).not.toBeInTheDocument();
  });

  it('a single permission gets its button without the hint', async () => {
    renderWithApp(<MissingScopes data={{ required_scopes: ['qyapi_get_member'], scope_apply: THREE.scope_apply.slice(0, 1) }} />);
    await waitFor(() => expect(screen.getByTestId('apply-scope-qyapi_get_member')).toHaveTextContent('申请开通'));
    expect(screen.queryByTestId('missing-scopes-hint')).not.toBeInTheDocument();
  });

  it('shows nothing when no permission is missing', async () => {
    renderWithApp(
      <div data-testid="host">
        <MissingScopes data={{ egress_ip: '203.0.113.7' }} />
      </div>,
    );
    await waitFor(() => expect(screen.getByTestId('host')).toBeEmptyDOMElement());
  });

  it('says so when the link cannot be opened', async () => {
    api.openLink.mockRejectedValue(
      new IpcFailure({
        code: 'not_allowed',
        message: { zh: '只能打开钉钉的页面。', en: 'Only DingTalk pages can be opened.' },
        detail: 'host not allowed',
      }),
    );
    const { user } = renderWithApp(<MissingScopes data={THREE} />);
    await waitFor(() => expect(screen.getByTestId('apply-scope-qyapi_get_member')).toHaveTextContent('申请开通'));
    await user.click(screen.getByTestId('apply-scope-qyapi_get_member'));
    expect(await screen.findByText('只能打开钉钉的页面。')).toBeInTheDocument();
  });
});

describe('reading missing scopes from data', () => {
  it('takes scope_apply first, adds uncovered required_scopes, and skips malformed entries', () => {
    expect(
      missingScopes({
        required_scopes: ['qyapi_get_member', 'Contact.User.Read', 7],
        scope_apply: [
          { scope: 'qyapi_get_member', name: { zh: '成员信息读权限', en: 'Read member information' }, url: applyUrl('qyapi_get_member') },
          { scope: 'qyapi_get_member', name: null, url: 'https://example.com/duplicate' },
          { name: null, url: applyUrl('nothing') },
          'qyapi_base',
          { scope: 'Todo.Todo.Read', name: { zh: '待办应用中待办读权限' }, url: 42 },
        ],
      }),
    ).toEqual([
      { scope: 'qyapi_get_member', name: { zh: '成员信息读权限', en: 'Read member information' }, url: applyUrl('qyapi_get_member') },
      { scope: 'Todo.Todo.Read', name: null, url: null },
      { scope: 'Contact.User.Read', name: null, url: null },
    ]);
    expect(missingScopes(null)).toEqual([]);
    expect(missingScopes({ scope_apply: 'qyapi_get_member' })).toEqual([]);
  });
});
