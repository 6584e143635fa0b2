// The language switch: one language at a time, so a toast written in the old language goes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { App as AntApp, Button } from 'antd';
import i18n from '../i18n';
import { renderWithApp } from '../test/render';
import AppHeader from './AppHeader';

vi.mock('../ipc/api', () => import('../test/mockApi'));

function Toaster() {
  const { message } = AntApp.useApp();
  return <Button onClick={() => void message.success('已打开客户的报告（支持模式）', 30)}>toast</Button>;
}

describe('app header', () => {
  afterEach(() => void i18n.changeLanguage('zh'));

  it('clears a toast in the old language when the language changes', async () => {
    const { user } = renderWithApp(
      <>
        <AppHeader view={null} practice={{ scenario: null, scenarios: [] }} onPractice={() => {}} />
        <Toaster />
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'toast' }));
    await screen.findByText('已打开客户的报告（支持模式）');
    await user.click(screen.getByText('EN'));
    await waitFor(() => expect(screen.queryByText('已打开客户的报告（支持模式）')).not.toBeInTheDocument());
    expect(screen.getByText('DingTalk Binding Wizard')).toBeInTheDocument();
  });
});
