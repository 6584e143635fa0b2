// The only module that talks to Tauri. Every command is typed with the generated bindings, and
// every failure becomes an IpcFailure carrying the shell's `{code, message, detail}`.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { writeText } from '@tauri-apps/plugin-clipboard-manager';
import type {
  AppInfo,
  CheckEvent,
  CheckOptions,
  CheckResult,
  LoginStarted,
  CheckRun,
  Diagnosis,
  PracticeStatus,
  Field,
  ImportOutcome,
  IpcError,
  IpcErrorCode,
  Lang,
  Profile,
  ProfileSummary,
  ProfileView,
  RecordedRun,
  ReportFormat,
  RunDiff,
  RunListItem,
  ScanCode,
  ScanKind,
  Template,
  TemplateAdded,
} from './bindings';

export class IpcFailure extends Error {
  readonly code: IpcErrorCode;
  readonly detail: string | null;
  constructor(e: IpcError) {
    super(e.message);
    this.code = e.code;
    this.detail = e.detail;
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw new IpcFailure(isIpcError(e) ? e : { code: 'internal', message: String(e), detail: null });
  }
}

export interface SavedEvent {
  id: string | null;
  updated_at: string | null;
  error: string | null;
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  listTemplates: () => call<Template[]>('list_templates'),
  addTemplate: () => call<TemplateAdded | null>('add_template'),
  chooseCaFile: () => call<AppInfo | null>('choose_ca_file'),
  clearCaFile: () => call<AppInfo>('clear_ca_file'),
  listProfiles: () => call<ProfileSummary[]>('list_profiles'),
  createProfile: (name: string, templateId: string) => call<ProfileView>('create_profile', { name, templateId }),
  openProfile: (id: string) => call<ProfileView>('open_profile', { id }),
  closeProfile: () => call<void>('close_profile'),
  updateProfile: (profile: Profile) => call<ProfileView>('update_profile', { profile }),
  flushProfile: () => call<void>('flush_profile'),
  renameProfile: (id: string, name: string) => call<ProfileSummary>('rename_profile', { id, name }),
  duplicateProfile: (id: string, name: string) => call<ProfileSummary>('duplicate_profile', { id, name }),
  deleteProfile: (id: string) => call<void>('delete_profile', { id }),
  setSecret: (profileId: string, field: Field, value: string) =>
    call<ProfileView>('set_secret', { profileId, field, value }),
  generateSecret: (profileId: string, field: Field) => call<ProfileView>('generate_secret', { profileId, field }),
  revealSecret: (profileId: string, field: Field) => call<string | null>('reveal_secret', { profileId, field }),
  openLink: (url: string) => call<string>('open_link', { url }),
  setLanguage: (language: Lang) => call<void>('set_language', { language }),
  runChecks: (options: CheckOptions) => call<CheckRun>('run_checks', { options }),
  cancelChecks: () => call<void>('cancel_checks'),
  explainError: (text: string) => call<Diagnosis[]>('explain_error', { text }),
  practiceStatus: () => call<PracticeStatus>('practice_status'),
  startPractice: (scenario: string) => call<PracticeStatus>('start_practice', { scenario }),
  stopPractice: () => call<PracticeStatus>('stop_practice'),
  fillPracticeValues: () => call<ProfileView>('fill_practice_values'),
  scanCodes: () => call<ScanCode[]>('scan_codes'),
  copyQrImage: (kind: ScanKind) => call<void>('copy_qr_image', { kind }),
  saveQrPng: (kind: ScanKind) => call<string | null>('save_qr_png', { kind }),
  listRuns: () => call<RunListItem[]>('list_runs'),
  getRun: (id: string) => call<RecordedRun>('get_run', { id }),
  diffRuns: (before: string, after: string) => call<RunDiff>('diff_runs', { before, after }),
  loginRedirectUrl: () => call<string>('login_redirect_url'),
  loginStart: () => call<LoginStarted>('login_start'),
  loginFinish: () => call<CheckResult>('login_finish'),
  loginCancel: () => call<void>('login_cancel'),
  saveReport: (format: ReportFormat, lang: Lang) => call<string | null>('save_report', { format, lang }),
  openSaved: (path: string) => call<void>('open_saved', { path }),
  exportHandoff: (passphrase: string | null) => call<string[] | null>('export_handoff', { passphrase }),
  importFile: () => call<ImportOutcome | null>('import_file'),
  importWithPassphrase: (passphrase: string) => call<ImportOutcome>('import_with_passphrase', { passphrase }),
  onCheckEvent: (handler: (e: CheckEvent) => void): Promise<UnlistenFn> =>
    listen<CheckEvent>('check-event', (event) => handler(event.payload)),
  copy: (text: string) => writeText(text),
  onSaved: (handler: (e: SavedEvent) => void): Promise<UnlistenFn> =>
    listen<SavedEvent>('profile-saved', (event) => handler(event.payload)),
};

export type Api = typeof api;
