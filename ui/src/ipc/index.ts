export { api, IpcFailure } from './api';
export type { Api, SavedEvent } from './api';
export type * from './bindings';
