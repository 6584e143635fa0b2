// Issue 11: a Stream template's event step lists the events to tick, each with what the platform
// does with it, and says the push mode is Stream 模式推送 (no callback URL, token or aes_key); the
// summary carries the template's break-glass when it has one, and nothing when it has none.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { makeView, VALUES } from '../test/fixtures';
import { customTemplate, ehrStreamTemplate, seedTemplate } from '../test/templates';
import { renderWizard } from '../test/render';

vi.mock('../ipc/api', () => import('../test/mockApi'));

const templates = [seedTemplate, ehrStreamTemplate, customTemplate];

describe('Stream event subscription step', () => {
  it('lists the events with what each is for and the Stream push mode, and asks for no token', async () => {
    const view = makeView(
      { template_id: ehrStreamTemplate.id, current_step: 'events', values: { domain: VALUES.domain } },
      { template: ehrStreamTemplate },
    );
    renderWizard(view, { templates });
    const list = await screen.findByTestId('event-topics');
    expect(list).toHaveAttribute('data-push', 'stream');
    expect(within(list).getByTestId('event-push')).toHaveTextContent('Stream 模式推送');
    for (const e of ehrStreamTemplate.events?.topics ?? []) {
      expect(within(list).getByTestId(`event-topic-${e.topic}`)).toHaveTextContent(e.topic);
      expect(list).toHaveTextContent(e.purpose.zh);
    }
    expect(within(list).getAllByRole('row')).toHaveLength(1 + 6);
    expect(document.querySelector('.step-body')).toHaveTextContent('已完成接入，验证连接通道');
    expect(screen.queryByText('签名 token')).toBeNull();
    expect(screen.queryByText('加密 aes_key')).toBeNull();
  });
});

describe('break-glass on the summary page', () => {
  it('shows how to switch DingTalk login off, where the template documents it', async () => {
    renderWizard(makeView({ current_step: 'summary', values: { domain: VALUES.domain } }));
    const card = await screen.findByTestId('summary-break-glass');
    expect(card).toHaveTextContent('钉钉登录出问题时（应急入口）');
    expect(within(card).getByTestId('break-glass-switch-off')).toHaveTextContent('站点配置 › 注册登录');
    // The seed-003 help page names no manual-login page: none is shown.
    expect(within(card).queryByTestId('break-glass-login')).toBeNull();
    expect(card).toHaveTextContent('出处：');
  });

  it('shows nothing for a template that documents none', async () => {
    const view = makeView(
      { template_id: ehrStreamTemplate.id, current_step: 'summary', values: { domain: VALUES.domain } },
      { template: ehrStreamTemplate },
    );
    renderWizard(view, { templates });
    await waitFor(() => expect(screen.getByTestId('step-nav-summary')).toHaveClass('ant-steps-item-process'));
    expect(screen.queryByTestId('summary-break-glass')).toBeNull();
  });
});
