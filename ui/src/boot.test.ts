import { describe, expect, it, vi } from 'vitest';
import { loadBoot, start } from './boot';
import i18n from './i18n';
import { appInfo, makeView } from './test/fixtures';
import { api, failure } from './test/mockApi';

vi.mock('./ipc/api', () => import('./test/mockApi'));

describe('loadBoot', () => {
  it('asks the shell for everything the first screen needs at once', async () => {
    // No answer until all four were asked: one round trip, not four in a row.
    const answers: Array<() => void> = [];
    const held = <T>(value: T) => new Promise<T>((resolve) => answers.push(() => resolve(value)));
    api.appInfo.mockImplementation(() => held(appInfo()));
    api.listTemplates.mockImplementation(() => held([]));
    api.practiceStatus.mockImplementation(() => held({ scenario: null, scenarios: [] }));
    api.listProfiles.mockImplementation(() => held([]));
    const boot = loadBoot();
    expect(answers).toHaveLength(4);
    for (const answer of answers) answer();
    const b = await boot;
    expect(b.profiles).toEqual([]);
    expect(b.view).toBeNull();
    expect(api.openProfile).not.toHaveBeenCalled();
  });

  it('reopens the binding that was open last, and still starts when it is gone', async () => {
    const info = appInfo();
    info.settings.last_profile_id = 'p-hq';
    api.appInfo.mockResolvedValue(info);
    api.openProfile.mockResolvedValue(makeView({ id: 'p-hq' }));
    expect((await loadBoot()).view?.profile.id).toBe('p-hq');

    api.openProfile.mockRejectedValue(failure('找不到这个配置（可能已被删除）。'));
    expect((await loadBoot()).view).toBeNull();
  });

  it('starts without the list when it cannot be read (the start screen reads it again and says why)', async () => {
    api.listProfiles.mockRejectedValue(failure('无法读取配置目录'));
    expect((await loadBoot()).profiles).toBeNull();
  });

  it('starts in the language the admin chose last, and turns a refusal into its text', async () => {
    const info = appInfo();
    info.settings.language = 'en';
    api.appInfo.mockResolvedValue(info);
    const started = await start();
    expect('boot' in started && started.boot.info.settings.language).toBe('en');
    expect(i18n.language).toBe('en');
    await i18n.changeLanguage('zh');

    api.appInfo.mockRejectedValue(failure('无法打开数据目录', 'The data folder cannot be opened'));
    expect(await start()).toEqual({ error: { zh: '无法打开数据目录', en: 'The data folder cannot be opened' } });
  });
});
