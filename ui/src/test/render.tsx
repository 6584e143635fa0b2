// Renders UI the way App.tsx does: antd ConfigProvider (Chinese locale) + antd App (message/modal
// hooks) + the AppDataContext with the app info and templates.
import { useState, type ReactElement, type ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { AppDataContext, withTemplate, type AppData } from '../context';
import WizardScreen from '../screens/WizardScreen';
import type { ProfileView } from '../ipc/bindings';
import { appInfo, customTemplate, seedTemplate } from './fixtures';
import { core } from './mockApi';

export function renderWithApp(
  ui: ReactElement,
  data: Partial<AppData> = {},
): RenderResult & { user: UserEvent } {
  const user = userEvent.setup();
  const result = render(
    // No animations: jsdom never ends a CSS transition, so leaving dialogs would linger.
    <ConfigProvider locale={zhCN} theme={{ token: { motion: false } }}>
      <AntApp>
        <Data data={data}>{ui}</Data>
      </AntApp>
    </ConfigProvider>,
  );
  return { ...result, user };
}

/** The app data as App.tsx provides it, with templates that grow when one is added. */
function Data({ data, children }: { data: Partial<AppData>; children: ReactNode }) {
  const [templates, setTemplates] = useState(data.templates ?? [seedTemplate, customTemplate]);
  const [info, setInfo] = useState(data.info ?? appInfo());
  const value: AppData = {
    info,
    templates,
    templateAdded: (t) => setTemplates((list) => withTemplate(list, t)),
    infoChanged: setInfo,
  };
  return <AppDataContext.Provider value={value}>{children}</AppDataContext.Provider>;
}

/** Opens `view` in the wizard; the fake core starts from the same profile. */
export function renderWizard(view: ProfileView, data: Partial<AppData> = {}) {
  core.profile = structuredClone(view.profile);
  return renderWithApp(<WizardScreen initial={view} practice={null} />, data);
}
