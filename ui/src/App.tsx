import { lazy, Suspense, useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, Layout, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import type { Start } from './boot';
import { api, type PracticeStatus, type ProfileSummary, type ProfileView } from './ipc';
import { PracticeBanner } from './checks/PracticeBar';
import { AppDataContext, withTemplate, type AppData } from './context';
import AppHeader, { BootHeader } from './components/AppHeader';
import { mark } from './marks';
import { whenDrawn } from './ready';
import StartScreen from './screens/StartScreen';
import { appTheme } from './theme';

// Only the start screen is in the first chunk: the wizard (its steps, checks, reports and
// drawers) loads when a binding opens, or in idle time once the start screen is drawn (ready.ts).
const loadWizard = () => import('./screens/WizardScreen');
const WizardScreen = lazy(loadWizard);
whenDrawn(() => void loadWizard());

interface Props {
  /** How the start-up went (main.tsx); `null` while the shell has not answered yet (a header and
   * a spinner; main.tsx then renders a fresh App with the answers). */
  start: Start | null;
}

export default function App({ start }: Props) {
  const { i18n, t } = useTranslation();
  const boot = start && 'boot' in start ? start.boot : null;
  const bootError = start && 'error' in start ? start.error : null;
  const [data, setData] = useState<Omit<AppData, 'templateAdded' | 'infoChanged'> | null>(
    boot && { info: boot.info, templates: boot.templates },
  );
  const [view, setView] = useState<ProfileView | null>(boot?.view ?? null);
  // The list read at start-up, for the start screen's first drawing only: after a binding was open,
  // the start screen reads the list again.
  const [bootProfiles, setBootProfiles] = useState<ProfileSummary[] | null>(boot?.profiles ?? null);
  const [practice, setPractice] = useState<PracticeStatus>(boot?.practice ?? { scenario: null, scenarios: [] });
  // Bumped when the open profile is replaced from outside the wizard (practice values filled in).
  const [generation, setGeneration] = useState(0);

  useEffect(() => mark('shell'), []);
  const open = (v: ProfileView) => {
    setBootProfiles(null);
    setView(v);
  };

  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={appTheme}
    >
      <AntApp style={{ height: '100%' }}>
        <Layout style={{ height: '100%' }}>
          {bootError ? (
            <Result status="error" title={t('error.boot')} subTitle={bootError[lang]} />
          ) : !data ? (
            <>
              <BootHeader />
              {/* Shown only when the start takes long: a quick start goes from the header to the list. */}
              <Spin size="large" delay={500} style={{ margin: 'auto' }} />
            </>
          ) : (
            <AppDataContext.Provider
              value={{
                ...data,
                templateAdded: (t) => setData((d) => d && { ...d, templates: withTemplate(d.templates, t) }),
                infoChanged: (info) => setData((d) => d && { ...d, info }),
              }}
            >
              <AppHeader
                view={view}
                practice={practice}
                onPractice={setPractice}
                onBack={view ? () => void api.closeProfile().then(() => setView(null)) : undefined}
              />
              <PracticeBanner
                practice={practice}
                onChange={setPractice}
                onFilled={
                  view
                    ? (v) => {
                        setView(v);
                        setGeneration((g) => g + 1);
                      }
                    : undefined
                }
              />
              {view ? (
                <Suspense fallback={<Spin size="large" style={{ margin: 'auto' }} />}>
                  <WizardScreen key={`${view.profile.id}/${generation}`} initial={view} practice={practice.scenario?.id ?? null} />
                </Suspense>
              ) : (
                <StartScreen onOpen={open} initial={bootProfiles} />
              )}
            </AppDataContext.Provider>
          )}
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
