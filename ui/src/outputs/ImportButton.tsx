import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Modal, Typography } from 'antd';
import { ImportOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorCode, failureText, hasCode, useFail } from '../errors';
import { api, type ImportOutcome, type ProfileView, type Text } from '../ipc';
import { useText } from '../i18n';

/**
 * Import a hand-off manifest (plain or age-encrypted) or — support mode — someone's report JSON
 * into a new profile. A refused file shows where and why; nothing existing changes.
 */
export default function ImportButton({ onOpen }: { onOpen: (view: ProfileView) => void }) {
  const { t } = useTranslation();
  const tx = useText();
  const { message, modal } = AntApp.useApp();
  const [asking, setAsking] = useState(false);
  const [pass, setPass] = useState('');
  const [wrong, setWrong] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = useFail();

  const handle = (outcome: ImportOutcome | null) => {
    if (!outcome) return;
    switch (outcome.kind) {
      case 'needs_passphrase':
        setPass('');
        setWrong(null);
        setAsking(true);
        return;
      case 'refused':
        if (asking && outcome.code === 'wrong_passphrase') {
          setWrong(tx(outcome.message));
          return;
        }
        refuse(outcome.message, outcome.pointer);
        return;
      case 'imported':
        setAsking(false);
        message.success(outcome.from_report ? t('import.support') : t('import.done'));
        for (const w of outcome.warnings) message.warning(`${w.pointer}: ${tx(w.message)}`);
        onOpen(outcome.view);
    }
  };
  // A refused file, whether refused for what is in it or (too big) before it was read.
  const refuse = (why: Text, pointer: string) => {
    setAsking(false);
    modal.error({
          title: t('import.refused'),
          content: (
            <div data-testid="import-refused">
              <Typography.Paragraph>{tx(why)}</Typography.Paragraph>
              {pointer && (
                <Typography.Text type="secondary">
                  {t('import.where')} <Typography.Text code>{pointer}</Typography.Text>
                </Typography.Text>
              )}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('import.untouched')}
              </Typography.Paragraph>
            </div>
          ),
    });
  };
  const failed = (e: unknown) => {
    if (hasCode(e, ErrorCode.fileTooLarge)) refuse(failureText(e), '');
    else fail(e);
  };
  const pick = () => {
    setBusy(true);
    api
      .importFile()
      .then(handle)
      .catch(failed)
      .finally(() => setBusy(false));
  };
  const unlock = () => {
    setBusy(true);
    api
      .importWithPassphrase(pass)
      .then(handle)
      .catch(failed)
      .finally(() => setBusy(false));
  };

  return (
    <>
      <Button size="large" icon={<ImportOutlined />} loading={busy && !asking} onClick={pick} data-testid="import-file">
        {t('import.button')}
      </Button>
      <Modal
        open={asking}
        title={t('import.passTitle')}
        okText={t('import.unlock')}
        cancelText={t('start.cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !pass, ...{ 'data-testid': 'import-unlock' } }}
        onOk={unlock}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('import.passBody')}</Typography.Paragraph>
        <Input.Password
          prefix={<LockOutlined />}
          value={pass}
          autoFocus
          aria-label={t('import.passLabel')}
          onChange={(e) => setPass(e.target.value)}
          onPressEnter={() => pass && !busy && unlock()}
          data-testid="import-pass"
        />
        {wrong && <Alert type="error" showIcon title={wrong} style={{ marginTop: 12 }} />}
      </Modal>
    </>
  );
}
