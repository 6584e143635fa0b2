import { useState } from 'react';
import { App as AntApp, Button, Card, Flex, Segmented, Space, Typography } from 'antd';
import { FileMarkdownOutlined, FileTextOutlined, FolderOpenOutlined, Html5Outlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFail } from '../errors';
import { api, type Lang, type ReportFormat } from '../ipc';

/** Save the binding report (HTML to read and print, Markdown to paste, JSON for support staff) and open it. */
export default function ReportPanel({ profileId }: { profileId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const fail = useFail();
  // Follows the app's language until the admin picks one for the report.
  const [picked, setPicked] = useState<Lang | null>(null);
  const lang: Lang = picked ?? (i18n.language === 'en' ? 'en' : 'zh');
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const save = (format: ReportFormat) => {
    setBusy(format);
    api
      .saveReport(profileId, format, lang)
      .then((path) => {
        if (!path) return;
        setSaved(path);
        message.success(t('report.saved', { path }));
      })
      .catch(fail)
      .finally(() => setBusy(null));
  };
  const open = (path: string) =>
    void api.openSaved(path).catch(fail);

  return (
    <Card size="small" title={t('report.title')} data-testid="report-panel">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('report.intro')}</Typography.Text>
        <Flex gap={12} align="center" wrap>
          <Typography.Text>{t('report.language')}</Typography.Text>
          <Segmented
            size="small"
            value={lang}
            onChange={(v) => setPicked(v as Lang)}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
          />
        </Flex>
        <Space wrap>
          <Button type="primary" icon={<Html5Outlined />} loading={busy === 'html'} onClick={() => save('html')} data-testid="report-html">
            {t('report.html')}
          </Button>
          <Button icon={<FileMarkdownOutlined />} loading={busy === 'md'} onClick={() => save('md')} data-testid="report-md">
            {t('report.md')}
          </Button>
          <Button icon={<FileTextOutlined />} loading={busy === 'json'} onClick={() => save('json')} data-testid="report-json">
            {t('report.json')}
          </Button>
        </Space>
        {saved && (
          <Flex gap={8} align="center" wrap data-testid="report-saved">
            <Typography.Text type="success">{t('report.savedTo')}</Typography.Text>
            <Typography.Text className="mono" style={{ fontSize: 12 }}>
              {saved}
            </Typography.Text>
            <Button size="small" icon={<FolderOpenOutlined />} onClick={() => open(saved)} data-testid="report-open">
              {t('report.open')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
