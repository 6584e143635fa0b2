import { useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, Layout, Result, Spin, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { failureText } from './errors';
import { api, type PracticeStatus, type ProfileView, type Text } from './ipc';
import { PracticeBanner } from './checks/PracticeBar';
import { AppDataContext, withTemplate, type AppData } from './context';
import AppHeader from './components/AppHeader';
import StartScreen from './screens/StartScreen';
import WizardScreen from './screens/WizardScreen';

export default function App() {
  const { i18n, t } = useTranslation();
  const [data, setData] = useState<Omit<AppData, 'templateAdded' | 'infoChanged'> | null>(null);
  const [view, setView] = useState<ProfileView | null>(null);
  const [bootError, setBootError] = useState<Text | null>(null);
  const [practice, setPractice] = useState<PracticeStatus>({ scenario: null, scenarios: [] });
  // Bumped when the open profile is replaced from outside the wizard (practice values filled in).
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    (async () => {
      const info = await api.appInfo();
      await i18n.changeLanguage(info.settings.language);
      const templates = await api.listTemplates();
      setPractice(await api.practiceStatus());
      // Reopen the binding that was open when the app last stopped (or was killed).
      const last = info.settings.last_profile_id;
      if (last) {
        try {
          setView(await api.openProfile(last));
        } catch {
          // Deleted or unreadable since: the start screen lists it with the reason.
        }
      }
      setData({ info, templates });
    })().catch((e: unknown) => setBootError(failureText(e)));
  }, [i18n]);

  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        // Every text at WCAG AA's 4.5:1 or better (e2e runs axe-core on every screen):
        // - secondary text carries instructions here ("粘贴到…", field hints): darker than antd's
        //   default grey (#8c8c8c, 3.4:1 on white), 6:1;
        // - the primary blue is a shade darker than antd's #1677ff (4.1:1 under white button text,
        //   as links and on tinted backgrounds), 5.6:1 on white, ≥ 5.1:1 on antd's tints;
        // - success/warning/error *text* (Typography, status tags) uses the dark shades of antd's
        //   palette (green-8, gold-8, red-7), as do a field's error line; icons and bars keep the bright ones.
        token: {
          colorPrimary: '#0f62d6',
          colorLink: '#0f62d6',
          // Hover stays a visible step lighter but keeps white text at 4.8:1 (antd's derived
          // hover, #3483e3, is 3.8:1 — axe caught it under the pointer after a click).
          colorPrimaryHover: '#2a6fd6',
          colorLinkHover: '#2a6fd6',
          colorInfo: '#0f62d6',
          colorSuccessText: '#237804',
          colorWarningText: '#ad4e00',
          colorErrorText: '#cf1322',
          borderRadius: 8,
          fontSize: 14,
          colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
        },
        components: {
          Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
          // A status tag draws its text in colorSuccess/colorWarning/colorError/colorInfo.
          // A field's error line is drawn in colorError.
          Form: { colorError: '#cf1322' },
          Tag: { colorSuccess: '#237804', colorWarning: '#ad4e00', colorError: '#cf1322', colorInfo: '#0f62d6' },
        },
      }}
    >
      <AntApp style={{ height: '100%' }}>
        <Layout style={{ height: '100%' }}>
          {bootError ? (
            <Result status="error" title={t('error.boot')} subTitle={bootError[lang]} />
          ) : !data ? (
            <Spin size="large" style={{ margin: 'auto' }} />
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
                <WizardScreen key={`${view.profile.id}/${generation}`} initial={view} practice={practice.scenario?.id ?? null} />
              ) : (
                <StartScreen onOpen={setView} />
              )}
            </AppDataContext.Provider>
          )}
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
