export { api, IpcFailure } from './api';
export type { Api } from './api';
export type * from './bindings';
