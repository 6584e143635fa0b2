import { App as AntApp, Badge, Button, Flex, Layout, Segmented, Space, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { ArrowLeftOutlined, BugOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Lang, type PracticeStatus, type ProfileView } from '../ipc';
import { PracticeSwitch } from '../checks/PracticeBar';
import { useAppData, useTemplate } from '../context';
import { useText } from '../i18n';
import logo from '../../../icons/icon.svg';

// Drawers load when first opened, not with the start screen; once there they stay mounted, so
// they close with their animation.
const ExplainDrawer = lazy(() => import('../checks/ExplainDrawer'));
const CertificateSettings = lazy(() => import('./CertificateSettings'));

interface Props {
  view: ProfileView | null;
  practice: PracticeStatus;
  onPractice: (p: PracticeStatus) => void;
  onBack?: () => void;
}

const headerStyle = { borderBottom: '1px solid #e8ebf0', display: 'flex', alignItems: 'center' } as const;

/** The logo and the app's name, as the header starts with. */
function AppTitle() {
  const { t } = useTranslation();
  return (
    <>
      <img src={logo} alt="" width={30} height={30} />
      <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
        {t('app.title')}
      </Typography.Text>
    </>
  );
}

/** The header while the app starts: what index.html draws before any script runs, in React. */
export function BootHeader() {
  return (
    <Layout.Header style={headerStyle}>
      <Flex align="center" gap={12}>
        <AppTitle />
      </Flex>
    </Layout.Header>
  );
}

export default function AppHeader({ view, practice, onPractice, onBack }: Props) {
  const [explaining, setExplaining] = useState(false);
  const [certificates, setCertificates] = useState(false);
  const [opened, setOpened] = useState({ explain: false, certificates: false });
  const openExplain = () => {
    setOpened((o) => ({ ...o, explain: true }));
    setExplaining(true);
  };
  const openCertificates = () => {
    setOpened((o) => ({ ...o, certificates: true }));
    setCertificates(true);
  };
  const { info } = useAppData();
  const { t, i18n } = useTranslation();
  const tx = useText();
  const template = useTemplate(view?.profile.template_id ?? '');
  const { message } = AntApp.useApp();
  const setLang = (lang: Lang) => {
    // A toast already on screen was written in the old language: one language at a time.
    message.destroy();
    void i18n.changeLanguage(lang);
    void api.setLanguage(lang);
  };
  return (
    <Layout.Header style={headerStyle}>
      <Flex align="center" gap={12} style={{ flex: 1, minWidth: 0 }}>
        <AppTitle />
        {view && (
          <>
            <Typography.Text type="secondary">/</Typography.Text>
            <Typography.Text ellipsis style={{ maxWidth: 260 }} data-testid="profile-name" title={template ? tx(template.name) : undefined}>
              {view.profile.name}
            </Typography.Text>
          </>
        )}
      </Flex>
      <Space size="middle">
        <Button icon={<BugOutlined />} onClick={openExplain} data-testid="explain-open">
          {t('explain.button')}
        </Button>
        <PracticeSwitch practice={practice} onChange={onPractice} />
        <Tooltip title={t('ca.title')}>
          <Badge dot={!!info.ca} color={info.ca?.problem ? 'red' : 'green'} offset={[-4, 4]}>
            <Button
              icon={<SafetyCertificateOutlined />}
              aria-label={t('ca.title')}
              onClick={openCertificates}
              data-testid="ca-open"
            />
          </Badge>
        </Tooltip>
        {onBack && (
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="back-to-list">
            {t('app.backToList')}
          </Button>
        )}
        <Segmented<Lang>
          aria-label={t('app.language')}
          value={i18n.language === 'en' ? 'en' : 'zh'}
          onChange={setLang}
          options={[
            { label: '中文', value: 'zh' },
            { label: 'EN', value: 'en' },
          ]}
          data-testid="lang-switch"
        />
      </Space>
      <Suspense fallback={null}>
        {opened.explain && <ExplainDrawer open={explaining} onClose={() => setExplaining(false)} />}
        {opened.certificates && <CertificateSettings open={certificates} onClose={() => setCertificates(false)} />}
      </Suspense>
    </Layout.Header>
  );
}
