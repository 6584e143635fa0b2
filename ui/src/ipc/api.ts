// The only module that talks to Tauri. The commands, their arguments and what they return come
// from the generated client (src/ipc/bindings.ts, written from src-tauri/src/commands/list.rs), so
// a renamed or changed command fails to compile here and wherever the UI calls it. Every failure
// becomes an IpcFailure carrying the shell's `{code, message: {zh, en}, detail}` (see src/errors.ts).
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { writeText } from '@tauri-apps/plugin-clipboard-manager';
import { client, EVENTS, type Commands, type Events, type IpcError } from './bindings';
import { IpcFailure } from './failure';

export { IpcFailure } from './failure';

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

// Tauri itself (a refused or unknown command, a plugin) rejects with a bare string.
function failure(e: unknown): IpcFailure {
  if (isIpcError(e)) return new IpcFailure(e);
  const detail = String(e);
  const message = { zh: '操作没有完成（应用内部出错）。', en: 'The action did not complete (an internal error).' };
  return new IpcFailure({ code: 'internal', message, detail });
}

async function call<K extends keyof Commands>(cmd: K, args: Commands[K]['args']): Promise<Commands[K]['returns']> {
  try {
    return await invoke<Commands[K]['returns']>(cmd, args as InvokeArgs);
  } catch (e) {
    throw failure(e);
  }
}

function on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): Promise<UnlistenFn> {
  return listen<Events[E]>(event, (e) => handler(e.payload));
}

export const api = {
  ...client(call),
  onCheckEvent: (handler: (e: Events['check-event']) => void) => on(EVENTS.checkEvent, handler),
  onSaved: (handler: (e: Events['profile-saved']) => void) => on(EVENTS.profileSaved, handler),
  onSyncProgress: (handler: (e: Events['sync-progress']) => void) => on(EVENTS.syncProgress, handler),
  copy: async (text: string): Promise<void> => {
    try {
      await writeText(text);
    } catch (e) {
      throw failure(e);
    }
  },
};

export type Api = typeof api;
