// Stand-in for src/ipc/api.ts. Each test file mocks the IPC module with
//   vi.mock('../ipc/api', () => import('../test/mockApi'));
// so no test reaches Tauri. The default answers come from a tiny fake core (`core`), which tests
// adjust: the secrets it holds and, per field, the verdict to give a raw value.
import { vi, type Mock } from 'vitest';
import type { Api, SavedEvent } from '../ipc/api';
import type { Field, IpcError, IpcErrorCode, Profile, ProfileView, Validation } from '../ipc/bindings';
import { appInfo, evaluate, makeView, seedTemplate } from './fixtures';

export type { SavedEvent };

export class IpcFailure extends Error {
  readonly code: IpcErrorCode;
  readonly detail: string | null;
  constructor(e: IpcError) {
    super(e.message);
    this.code = e.code;
    this.detail = e.detail;
  }
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

export const api: Mocked<Api> = {
  appInfo: vi.fn(),
  listTemplates: vi.fn(),
  addTemplate: vi.fn(),
  chooseCaFile: vi.fn(),
  clearCaFile: vi.fn(),
  listProfiles: vi.fn(),
  createProfile: vi.fn(),
  openProfile: vi.fn(),
  closeProfile: vi.fn(),
  updateProfile: vi.fn(),
  flushProfile: vi.fn(),
  renameProfile: vi.fn(),
  duplicateProfile: vi.fn(),
  deleteProfile: vi.fn(),
  setSecret: vi.fn(),
  generateSecret: vi.fn(),
  revealSecret: vi.fn(),
  openLink: vi.fn(),
  setLanguage: vi.fn(),
  runChecks: vi.fn(),
  cancelChecks: vi.fn(),
  explainError: vi.fn(),
  practiceStatus: vi.fn(),
  startPractice: vi.fn(),
  stopPractice: vi.fn(),
  fillPracticeValues: vi.fn(),
  scanCodes: vi.fn(),
  copyQrImage: vi.fn(),
  saveQrPng: vi.fn(),
  listRuns: vi.fn(),
  getRun: vi.fn(),
  diffRuns: vi.fn(),
  loginRedirectUrl: vi.fn(),
  loginStart: vi.fn(),
  loginFinish: vi.fn(),
  loginCancel: vi.fn(),
  saveReport: vi.fn(),
  openSaved: vi.fn(),
  exportHandoff: vi.fn(),
  importFile: vi.fn(),
  importWithPassphrase: vi.fn(),
  onCheckEvent: vi.fn(),
  copy: vi.fn(),
  onSaved: vi.fn(),
};

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
  api.closeProfile.mockResolvedValue(undefined);
  api.updateProfile.mockImplementation(async (profile) => {
    core.profile = structuredClone(profile);
    return view(core.profile);
  });
  api.flushProfile.mockResolvedValue(undefined);
  api.onCheckEvent.mockResolvedValue(() => {});
  api.cancelChecks.mockResolvedValue(undefined);
  api.practiceStatus.mockResolvedValue({ scenario: null, scenarios: ['healthy', 'missing-contact-scope'] });
  api.deleteProfile.mockResolvedValue(undefined);
  api.setSecret.mockImplementation(async (_id, field, value) => {
    core.secrets[field] = value;
    const current = core.profile ?? makeView().profile;
    core.profile = { ...current, secrets: { ...current.secrets, [field]: 'keychain' } };
    return view(core.profile);
  });
  api.revealSecret.mockImplementation(async (_id, field) => core.secrets[field] ?? null);
  api.openLink.mockImplementation(async (url) => url);
  api.setLanguage.mockResolvedValue(undefined);
  api.copy.mockResolvedValue(undefined);
  api.onSaved.mockResolvedValue(() => {});
  api.scanCodes.mockResolvedValue([]);
  api.listRuns.mockResolvedValue([]);
  api.loginRedirectUrl.mockResolvedValue('http://127.0.0.1:27180/dingbind/login');
  api.loginCancel.mockResolvedValue(undefined);
}
