import { useState } from 'react';
import { Button, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import {
  CheckCircleFilled,
  ClearOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  LockOutlined,
  SwapOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Field, FieldInfo, SecretLocation, Validation } from '../ipc';
import { useText } from '../i18n';
import { useAppData, useFieldInfo } from '../context';

interface Props {
  info: FieldInfo;
  value: string;
  verdict: Validation | undefined;
  /** Notes from the last paste/blur cleaning of this field. */
  cleaned: { zh: string; en: string }[] | undefined;
  /** Fields this template has, so "move to" is only offered for a box that exists. */
  available: Field[];
  onChange: (value: string, pasted: boolean) => void;
  onBlur: () => void;
  onMove: (to: Field) => void;
}

/** Shows a verdict the way antd forms do: status colour, the message, warnings and cleaning notes. */
function useVerdictDisplay(verdict: Validation | undefined, touched: boolean) {
  const tx = useText();
  const empty = verdict?.code === 'empty';
  const status: '' | 'error' | 'warning' | 'success' =
    !verdict || (empty && !touched) ? '' : !verdict.ok ? 'error' : verdict.warnings.length ? 'warning' : 'success';
  const help =
    !verdict || (empty && !touched) ? undefined : (
      <Flex vertical gap={2} style={{ marginTop: 2 }}>
        {verdict.message && <span data-testid="field-error">{tx(verdict.message)}</span>}
        {verdict.ok &&
          verdict.warnings.map((w, i) => (
            <span key={i} data-testid="field-warning">
              {tx(w.message)}
            </span>
          ))}
      </Flex>
    );
  return { status, help };
}

function MoveButton({ verdict, available, onMove }: Pick<Props, 'available' | 'onMove'> & { verdict?: Validation }) {
  const { t } = useTranslation();
  const tx = useText();
  const fieldInfo = useFieldInfo();
  const to = verdict?.suggested_field;
  if (!to || !available.includes(to)) return null;
  return (
    <Button size="small" icon={<SwapOutlined />} onClick={() => onMove(to)} data-testid="move-field">
      {t('field.moveTo', { field: tx(fieldInfo(to).label) })}
    </Button>
  );
}

function Cleaned({ notes }: { notes?: { zh: string; en: string }[] }) {
  const { t } = useTranslation();
  const tx = useText();
  if (!notes?.length) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="field-cleaned">
      <ClearOutlined /> {t('field.cleaned')}
      {notes.map(tx).join('；')}
    </Typography.Text>
  );
}

export function FieldInput({ info, value, verdict, cleaned, available, onChange, onBlur, onMove }: Props) {
  const tx = useText();
  const [pasting, setPasting] = useState(false);
  const { status, help } = useVerdictDisplay(verdict, value !== '');
  return (
    <Form.Item
      label={tx(info.label)}
      htmlFor={`input-${info.field}`}
      validateStatus={status}
      hasFeedback={status !== ''}
      help={help}
      extra={
        <Flex vertical gap={4} align="flex-start" style={{ marginTop: 4 }}>
          <Cleaned notes={cleaned} />
          <MoveButton verdict={verdict} available={available} onMove={onMove} />
          <span>{tx(info.source)}</span>
        </Flex>
      }
    >
      <Input
        size="large"
        className={info.field === 'corp_name' ? undefined : 'mono'}
        value={value}
        id={`input-${info.field}`}
        data-testid={`field-${info.field}`}
        spellCheck={false}
        autoComplete="off"
        // A constant suffix keeps antd from re-wrapping the <input> when the feedback icon appears,
        // which would drop focus mid-typing.
        suffix={<span />}
        onPaste={() => setPasting(true)}
        onChange={(e) => {
          onChange(e.target.value, pasting);
          setPasting(false);
        }}
        onBlur={onBlur}
      />
    </Form.Item>
  );
}

interface SecretProps {
  info: FieldInfo;
  verdict: Validation | undefined;
  location: SecretLocation | undefined;
  onChange: (value: string) => void;
  onReveal: () => Promise<string | null>;
  /** For values the admin may choose (event token, aes_key): make one. */
  onGenerate?: () => Promise<void>;
}

export function SecretInput({ info, verdict, location, onChange, onReveal, onGenerate }: SecretProps) {
  const { t } = useTranslation();
  const tx = useText();
  const { info: app } = useAppData();
  const [draft, setDraft] = useState('');
  const [revealed, setRevealed] = useState<string | null>(null);
  const stored = verdict && verdict.code !== 'empty';
  const lost = location === 'session' && verdict?.code === 'empty';
  const { status, help } = useVerdictDisplay(verdict, draft !== '' || !!stored);
  return (
    <Form.Item
      label={
        <Space>
          <LockOutlined />
          {tx(info.label)}
        </Space>
      }
      htmlFor={`input-${info.field}`}
      validateStatus={lost ? 'warning' : status}
      hasFeedback={status !== ''}
      help={lost ? t('keychain.lostLastSession') : help}
      extra={
        <Flex vertical gap={4} align="flex-start" style={{ marginTop: 4 }}>
          {stored && location && (
            <Space size={6} wrap>
              <Tag
                color={location === 'keychain' ? 'success' : 'warning'}
                icon={location === 'keychain' ? <CheckCircleFilled /> : undefined}
                data-testid={`secret-location-${info.field}`}
              >
                {location === 'keychain' ? t('keychain.stored') : t('keychain.session')}
              </Tag>
              <Typography.Text className="mono" type="secondary" data-testid={`secret-mask-${info.field}`}>
                {revealed ?? verdict?.value}
              </Typography.Text>
              <Button
                size="small"
                type="link"
                icon={revealed ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                data-testid={`reveal-${info.field}`}
                onClick={() => (revealed ? setRevealed(null) : void onReveal().then(setRevealed))}
              >
                {revealed ? t('field.hide') : t('field.reveal')}
              </Button>
            </Space>
          )}
          <span>{tx(info.source)}</span>
        </Flex>
      }
    >
      <Flex gap={8}>
      <Input.Password
        size="large"
        className="mono"
        value={draft}
        id={`input-${info.field}`}
        placeholder={
          stored
            ? `${t('field.replace')} · ${verdict?.value ?? ''}`
            : t(app.keychain_available ? 'field.secretPlaceholder' : 'field.secretPlaceholderSession')
        }
        data-testid={`field-${info.field}`}
        autoComplete="off"
        onChange={(e) => {
          setDraft(e.target.value);
          setRevealed(null);
          onChange(e.target.value);
        }}
      />
        {onGenerate && (
          <Button
            size="large"
            icon={<ThunderboltOutlined />}
            data-testid={`generate-${info.field}`}
            onClick={() =>
              void onGenerate().then(() => {
                setDraft('');
                setRevealed(null);
              })
            }
          >
            {t('field.generate')}
          </Button>
        )}
      </Flex>
    </Form.Item>
  );
}
