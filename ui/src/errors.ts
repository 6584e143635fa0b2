// One way to show a failure. Every error from the shell or the core arrives as an IpcFailure with
// a stable code and the message in both languages (src-tauri/src/error.rs); the UI shows the
// admin's language and switches on the few codes below. Screens use `useFail()` for a toast and
// `failureText()` + `useText()` for an inline alert, never their own wording of someone's error.
import { useCallback } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { IpcFailure, type Text } from './ipc';

/** The codes the UI acts on. Each is the core's (listed in crates/dingbind-core/src/error.rs and
 * pinned by its tests/errors.rs) or the shell's (src-tauri/src/error.rs). */
export const ErrorCode = {
  /** The profile was deleted or moved since the list was shown. */
  profileNotFound: 'profile_not_found',
  /** Another program (or a login test left open) holds the login test's local port. */
  portBusy: 'port_busy',
  /** The login test was asked for before a valid Client ID and Client Secret were entered. */
  credentialsMissing: 'credentials_missing',
  /** A file too big to be what it claims. */
  fileTooLarge: 'file_too_large',
} as const;

/** What went wrong, in both languages. Anything that is not an IpcFailure (a bug in the UI) still
 * gets a sentence in each language, with its own words as the detail. */
export function failureText(e: unknown): Text {
  if (e instanceof IpcFailure) return e.text;
  const raw = e instanceof Error ? e.message : String(e);
  return { zh: `操作没有完成：${raw}`, en: `The action did not complete: ${raw}` };
}

export function hasCode(e: unknown, code: string): boolean {
  return e instanceof IpcFailure && e.code === code;
}

/** Shows a failure as a toast in the admin's language (a stable function, safe in hook deps). */
export function useFail(): (e: unknown) => void {
  const { message } = AntApp.useApp();
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return useCallback((e: unknown) => void message.error(failureText(e)[lang]), [message, lang]);
}
