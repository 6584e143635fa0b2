import { App as AntApp, Badge, Button, Flex, Layout, Segmented, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ArrowLeftOutlined, BugOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Lang, type PracticeStatus, type ProfileView } from '../ipc';
import ExplainDrawer from '../checks/ExplainDrawer';
import CertificateSettings from './CertificateSettings';
import { PracticeSwitch } from '../checks/PracticeBar';
import { useAppData, useTemplate } from '../context';
import { useText } from '../i18n';
import logo from '../../../icons/icon.svg';

interface Props {
  view: ProfileView | null;
  practice: PracticeStatus;
  onPractice: (p: PracticeStatus) => void;
  onBack?: () => void;
}

export default function AppHeader({ view, practice, onPractice, onBack }: Props) {
  const [explaining, setExplaining] = useState(false);
  const [certificates, setCertificates] = useState(false);
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
    <Layout.Header style={{ borderBottom: '1px solid #e8ebf0', display: 'flex', alignItems: 'center' }}>
      <Flex align="center" gap={12} style={{ flex: 1, minWidth: 0 }}>
        <img src={logo} alt="" width={30} height={30} />
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Text>
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
        <Button icon={<BugOutlined />} onClick={() => setExplaining(true)} data-testid="explain-open">
          {t('explain.button')}
        </Button>
        <PracticeSwitch practice={practice} onChange={onPractice} />
        <Tooltip title={t('ca.title')}>
          <Badge dot={!!info.ca} color={info.ca?.problem ? 'red' : 'green'} offset={[-4, 4]}>
            <Button
              icon={<SafetyCertificateOutlined />}
              aria-label={t('ca.title')}
              onClick={() => setCertificates(true)}
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
      <ExplainDrawer open={explaining} onClose={() => setExplaining(false)} />
      <CertificateSettings open={certificates} onClose={() => setCertificates(false)} />
    </Layout.Header>
  );
}
