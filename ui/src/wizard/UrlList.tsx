import { useState } from 'react';
import { App as AntApp, Button, Card, Flex, Input, Space, Tooltip, Typography } from 'antd';
import { CheckOutlined, CopyOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Field, type GeneratedUrl } from '../ipc';
import { useText } from '../i18n';
import { useFieldInfo } from '../context';
import { useFail } from '../errors';
import Backticks from '../components/Backticks';

/** Shows `$CORPID$` as a highlighted token: it must reach the console exactly as written. */
export function UrlText({ url }: { url: string }) {
  const { t } = useTranslation();
  const parts = url.split('$CORPID$');
  return (
    <span className="mono" data-testid="url-text">
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && (
            <Tooltip title={t('url.corpidHint')}>
              <span className="corpid-token">$CORPID$</span>
            </Tooltip>
          )}
        </span>
      ))}
    </span>
  );
}

/** Copies `text`, or what `text()` resolves to (a secret read from the keychain only on click). */
export function CopyButton({
  text,
  testId,
  size,
}: {
  text: string | (() => Promise<string | null>);
  testId?: string;
  size?: 'small';
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const fail = useFail();
  const [copied, setCopied] = useState(false);
  return (
    <Button
      icon={copied ? <CheckOutlined /> : <CopyOutlined />}
      type={copied ? 'primary' : 'default'}
      ghost={copied}
      size={size}
      data-testid={testId}
      onClick={() =>
        (typeof text === 'string' ? Promise.resolve(text) : text())
          .then((value) => {
            if (value === null) throw new Error('nothing to copy');
            return api.copy(value);
          })
          .then(() => {
            setCopied(true);
            message.success(t('url.copied'));
            setTimeout(() => setCopied(false), 2000);
          })
          .catch(fail)
      }
    >
      {copied ? t('url.copied') : t('url.copy')}
    </Button>
  );
}

interface Props {
  urls: GeneratedUrl[];
  onEditPattern: (name: string, pattern: string | null) => void;
}

export default function UrlList({ urls, onEditPattern }: Props) {
  const { t } = useTranslation();
  const tx = useText();
  const fieldInfo = useFieldInfo();
  const [editing, setEditing] = useState<string | null>(null);
  const missingText = (fields: Field[]) => fields.map((f) => tx(fieldInfo(f).label)).join(' / ');
  return (
    <Flex vertical gap={12}>
      {urls.map((u) => (
        <Card key={u.name} size="small" data-testid={`url-${u.name}`} styles={{ body: { padding: '12px 16px' } }}>
          <Flex justify="space-between" align="flex-start" gap={12}>
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text strong>{tx(u.label)}</Typography.Text>
              <div style={{ margin: '6px 0', fontSize: 14 }}>
                {u.url ? (
                  <UrlText url={u.url} />
                ) : (
                  <Typography.Text type="secondary">
                    <span className="mono">{u.pattern}</span>
                    {u.missing.length > 0 && <> — {t('url.missing', { fields: missingText(u.missing) })}</>}
                  </Typography.Text>
                )}
              </div>
              {u.error && (
                <Typography.Text type="danger" data-testid="url-error">
                  <Backticks text={tx(u.error)} />
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('url.pasteInto')}
                {tx(u.destination)}
              </Typography.Text>
              {editing === u.name && (
                <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                  <Input
                    className="mono"
                    defaultValue={u.pattern}
                    data-testid={`pattern-${u.name}`}
                    onChange={(e) => onEditPattern(u.name, e.target.value)}
                  />
                  <Button icon={<UndoOutlined />} onClick={() => { onEditPattern(u.name, null); setEditing(null); }}>
                    {t('url.resetPattern')}
                  </Button>
                </Space.Compact>
              )}
              {editing === u.name && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {t('url.patternHelp')}
                </Typography.Text>
              )}
            </div>
            <Space>
              {u.editable && editing !== u.name && (
                <Tooltip title={t('url.editPattern')}>
                  <Button icon={<EditOutlined />} aria-label={t('url.editPattern')} onClick={() => setEditing(u.name)} />
                </Tooltip>
              )}
              {u.url && <CopyButton text={u.url} testId={`copy-${u.name}`} />}
            </Space>
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
