// Stand-in for src/ipc/api.ts. Each test file mocks the IPC module with
//   vi.mock('../ipc/api', () => import('../test/mockApi'));
// so no test reaches Tauri. The default answers come from a tiny fake core (`core`), which tests
// adjust: the secrets it holds and, per field, the verdict to give a raw value.
import { vi, type Mock } from 'vitest';
import type { Api } from '../ipc/api';
import { client } from '../ipc/bindings';
import type { Field, Profile, ProfileView, Validation } from '../ipc/bindings';
import { IpcFailure } from '../ipc/failure';
import { appInfo, evaluate, HEALTHY, MISSING_CONTACT_SCOPE, makeView, seedTemplate } from './fixtures';


export { IpcFailure } from '../ipc/failure';

/** A failure as the shell sends it: a code and the message in both languages. */
export function failure(zh: string, en = zh, code = 'internal'): IpcFailure {
  return new IpcFailure({ code, message: { zh, en }, detail: null });
}

export const core: {
  /** The profile as last sent by the UI (or as a test opened it). */
  profile: Profile | null;
  secrets: Partial<Record<Field, string>>;
  /** Verdict for a raw value; `undefined` means a plain ok/empty verdict. */
  judge: (field: Field, raw: string) => Validation | undefined;
} = { profile: null, secrets: {}, judge: () => undefined };

function view(profile: Profile): ProfileView {
  const verdicts: Partial<Record<Field, Validation>> = {};
  for (const f of seedTemplate.needs) {
    const v = core.judge(f, profile.values[f] ?? '');
    if (v) verdicts[f] = v;
  }
  return { profile, evaluation: evaluate(profile, { secrets: core.secrets, verdicts }) };
}

type Mocked<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? Mock<(...args: A) => R> : never };

// One mock per command of the generated client (so a command added or renamed in Rust is mocked
// without an edit here), plus the event and clipboard helpers api.ts adds.
const names = [...Object.keys(client(() => new Promise(() => {}))), 'onCheckEvent', 'onSaved', 'copy'];
export const api = Object.fromEntries(names.map((name) => [name, vi.fn()])) as unknown as Mocked<Api>;

/** Puts every mock back to its default answer and clears the fake core (run before each test). */
export function resetApi(): void {
  core.profile = null;
  core.secrets = {};
  core.judge = () => undefined;
  for (const fn of Object.values(api)) fn.mockReset();
  api.appInfo.mockResolvedValue(appInfo());
  api.listTemplates.mockResolvedValue([seedTemplate]);
  api.listProfiles.mockResolvedValue([]);
  api.createProfile.mockImplementation(async (name, templateId) => makeView({ name, template_id: templateId }));
  api.openProfile.mockImplementation(async (id) => makeView({ id }));
  api.closeProfile.mockResolvedValue(null);
  api.updateProfile.mockImplementation(async (profile) => {
    core.profile = structuredClone(profile);
    return view(core.profile);
  });
  api.flushProfile.mockResolvedValue(null);
  api.onCheckEvent.mockResolvedValue(() => {});
  api.cancelChecks.mockResolvedValue(null);
  api.practiceStatus.mockResolvedValue({ scenario: null, scenarios: [HEALTHY, MISSING_CONTACT_SCOPE] });
  api.deleteProfile.mockResolvedValue(null);
  api.setSecret.mockImplementation(async (_id, field, value) => {
    core.secrets[field] = value;
    const current = core.profile ?? makeView().profile;
    core.profile = { ...current, secrets: { ...current.secrets, [field]: 'keychain' } };
    return view(core.profile);
  });
  api.revealSecret.mockImplementation(async (_id, field) => core.secrets[field] ?? null);
  api.openLink.mockImplementation(async (url) => url);
  api.setLanguage.mockResolvedValue(null);
  api.copy.mockResolvedValue(undefined);
  api.onSaved.mockResolvedValue(() => {});
  api.scanCodes.mockResolvedValue([]);
  api.listRuns.mockResolvedValue([]);
  api.loginRedirectUrl.mockResolvedValue('http://127.0.0.1:27180/dingbind/login');
  api.loginCancel.mockResolvedValue(null);
}
