import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import App from './App';
import { appInfo } from './test/fixtures';

vi.mock('./ipc/api', () => import('./test/mockApi'));

describe('App', () => {
  it('draws the start screen from the start-up answers at once, without asking again', async () => {
    const { api } = await import('./test/mockApi');
    const boot = {
      info: appInfo(),
      templates: [],
      practice: { scenario: null, scenarios: [] },
      profiles: [],
      view: null,
    };
    render(<App start={{ boot }} />);
    expect(await screen.findByTestId('create-profile')).toBeInTheDocument();
    expect(api.listProfiles).not.toHaveBeenCalled();
    expect(api.appInfo).not.toHaveBeenCalled();
  });

  it('says why it cannot start', () => {
    render(<App start={{ error: { zh: '无法打开数据目录', en: 'The data folder cannot be opened' } }} />);
    expect(screen.getByText('钉钉绑定向导无法启动')).toBeInTheDocument();
    expect(screen.getByText('无法打开数据目录')).toBeInTheDocument();
  });

  it('shows its header while the shell has not answered', () => {
    render(<App start={null} />);
    expect(screen.getByText('钉钉绑定向导')).toBeInTheDocument();
    expect(screen.queryByTestId('create-profile')).not.toBeInTheDocument();
  });
});
