import { useFail } from './errors';
import { api } from './ipc';

/** Opens a link in the browser through the core; a refusal shows as every failure does. */
export function useOpenLink(): (url: string) => void {
  const fail = useFail();
  return (url) => {
    void api.openLink(url).catch(fail);
  };
}
