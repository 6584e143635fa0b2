import { useTranslation } from 'react-i18next';
import { App as AntApp } from 'antd';
import { api } from './ipc';

/** Opens a link in the browser through the core; a refusal shows as the drawers show it. */
export function useOpenLink(): (url: string) => void {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  return (url) => {
    void api.openLink(url).catch((e: Error) => message.error(t('link.failed', { error: e.message })));
  };
}
