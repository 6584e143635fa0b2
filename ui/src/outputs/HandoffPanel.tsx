import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Flex, Input, List, Typography } from 'antd';
import { ExportOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFail } from '../errors';
import { api } from '../ipc';

/** Hand-off for the server team: a manifest and a .env without secrets, and optionally an age-encrypted file with them. */
export default function HandoffPanel({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const fail = useFail();
  const [withSecrets, setWithSecrets] = useState(false);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<string[] | null>(null);

  const problem = !withSecrets
    ? null
    : pass.length < 8
      ? t('handoff.passTooShort')
      : pass !== again
        ? t('handoff.passMismatch')
        : null;
  const exportNow = () => {
    setBusy(true);
    api
      .exportHandoff(profileId, withSecrets ? pass : null)
      .then((written) => {
        if (!written) return;
        setFiles(written);
        message.success(t('handoff.done', { count: written.length }));
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };

  return (
    <Card size="small" title={t('handoff.title')} data-testid="handoff-panel">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('handoff.intro')}</Typography.Text>
        <Checkbox checked={withSecrets} onChange={(e) => setWithSecrets(e.target.checked)} data-testid="handoff-with-secrets">
          {t('handoff.withSecrets')}
        </Checkbox>
        {withSecrets && (
          <Flex vertical gap={8} style={{ maxWidth: 420 }}>
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t('handoff.passphrase')}
              value={pass}
              onChange={(e) => setPass(e.target.value)}
              autoComplete="new-password"
              data-testid="handoff-pass"
            />
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t('handoff.passphraseAgain')}
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              autoComplete="new-password"
              data-testid="handoff-pass-again"
            />
            <Typography.Text type={problem ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {problem ?? t('handoff.passHint')}
            </Typography.Text>
          </Flex>
        )}
        <div>
          <Button type="primary" icon={<ExportOutlined />} disabled={!!problem} loading={busy} onClick={exportNow} data-testid="handoff-export">
            {t('handoff.export')}
          </Button>
        </div>
        {files && (
          <Alert
            type="success"
            showIcon
            title={t('handoff.written')}
            description={
              <List
                size="small"
                data-testid="handoff-files"
                dataSource={files}
                renderItem={(f) => (
                  <List.Item>
                    <Typography.Text className="mono" style={{ fontSize: 12 }}>
                      {f}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            }
          />
        )}
      </Flex>
    </Card>
  );
}
