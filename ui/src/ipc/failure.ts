// A failed command as the UI holds it: the shell's `{code, message: {zh, en}, detail}`. Kept apart
// from api.ts (which imports Tauri) so the tests' stand-in for api.ts throws the same class.
import type { IpcError, Text } from './bindings';

export class IpcFailure extends Error {
  readonly code: string;
  /** What happened, in both languages. */
  readonly text: Text;
  readonly detail: string | null;
  constructor(e: IpcError) {
    super(e.message.en);
    this.code = e.code;
    this.text = e.message;
    this.detail = e.detail;
  }
}
