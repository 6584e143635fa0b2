// The corporate root certificate: behind a security gateway that inspects HTTPS, DingTalk's
// certificate is replaced by the gateway's, and every check fails with tls_failure until the
// gateway's root (a file IT hands out) is trusted here. Only this app trusts it.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Flex, Modal, Tag, Typography } from 'antd';
import { FileAddOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Text } from '../ipc';
import { useAppData } from '../context';
import { useText } from '../i18n';
import { failureText, useFail } from '../errors';

export default function CertificateSettings({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { info, infoChanged } = useAppData();
  const { message } = AntApp.useApp();
  const [refused, setRefused] = useState<Text | null>(null);
  const fail = useFail();
  const tx = useText();
  const ca = info.ca;

  const choose = async () => {
    try {
      const next = await api.chooseCaFile();
      if (!next) return;
      setRefused(null);
      infoChanged(next);
      message.success(t('ca.trusted'));
    } catch (e) {
      setRefused(failureText(e));
    }
  };
  const clear = async () => {
    try {
      infoChanged(await api.clearCaFile());
      setRefused(null);
      message.success(t('ca.cleared'));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="ca-close">
          {t('ca.close')}
        </Button>
      }
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined />
          {t('ca.title')}
        </Flex>
      }
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('ca.intro')}</Typography.Paragraph>
      {ca ? (
        <Descriptions
          column={1}
          size="small"
          bordered
          data-testid="ca-current"
          style={{ marginBottom: 16 }}
          styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
        >
          <Descriptions.Item label={t('ca.file')}>
            <span className="mono" style={{ wordBreak: 'break-all' }}>
              {ca.path}
            </span>{' '}
            {ca.from_env && <Tag>{t('ca.fromEnv')}</Tag>}
          </Descriptions.Item>
          {ca.problem ? (
            <Descriptions.Item label={t('ca.status')}>
              <Typography.Text type="danger">{ca.problem}</Typography.Text>
            </Descriptions.Item>
          ) : (
            <>
              <Descriptions.Item label={t('ca.subjects')}>
                {ca.subjects.slice(0, 3).join('；')}
                {ca.subjects.length > 3 ? t('ca.more', { count: ca.subjects.length - 3 }) : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('ca.notAfter')}>{ca.not_after}</Descriptions.Item>
            </>
          )}
        </Descriptions>
      ) : (
        <Alert type="info" showIcon title={t('ca.none')} style={{ marginBottom: 16 }} data-testid="ca-none" />
      )}
      {refused && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefused(null)}
          title={t('ca.refused')}
          description={tx(refused)}
          style={{ marginBottom: 16 }}
          data-testid="ca-refused"
        />
      )}
      <Flex gap={8}>
        <Button type="primary" icon={<FileAddOutlined />} onClick={() => void choose()} data-testid="ca-choose">
          {ca && !ca.from_env ? t('ca.replace') : t('ca.choose')}
        </Button>
        {ca && !ca.from_env && (
          <Button danger onClick={() => void clear()} data-testid="ca-clear">
            {t('ca.clear')}
          </Button>
        )}
      </Flex>
    </Modal>
  );
}
