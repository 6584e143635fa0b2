// The values the platform needs, as the admin types them into it: each with its console name, the
// value, a copy button, and for a secret the masked value with Show (read from the keychain only
// when asked). A value not entered yet says so and leads to the step that asks for it.
import { useState } from 'react';
import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Field, type Template } from '../ipc';
import { useText } from '../i18n';
import { useFieldInfo } from '../context';
import type { Editor } from './useEditor';
import { CopyButton } from './UrlList';

function SecretValue({ profileId, field, masked, testPrefix }: { profileId: string; field: Field; masked: string; testPrefix: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  return (
    <Space wrap>
      <span className="mono" data-testid={`${testPrefix}-secret-${field}`}>
        {shown ?? masked}
      </span>
      <Button
        size="small"
        type="link"
        icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
        data-testid={`${testPrefix}-reveal-${field}`}
        onClick={() => (shown ? setShown(null) : void api.revealSecret(profileId, field).then(setShown))}
      >
        {shown ? t('field.hide') : t('field.reveal')}
      </Button>
    </Space>
  );
}

interface Props {
  template: Template;
  editor: Editor;
  /** In the platform's field order. */
  fields: Field[];
  /** `summary` or `handover`: prefixes the test ids. */
  testPrefix: string;
}

export default function ValueList({ template, editor, fields, testPrefix }: Props) {
  const { t } = useTranslation();
  const tx = useText();
  const fieldInfo = useFieldInfo();
  const { profile, evaluation } = editor;
  const askedAt = (f: Field) => template.steps.find((s) => s.fields.includes(f));

  return (
    <Descriptions column={1} size="small" bordered data-testid={`${testPrefix}-values`}>
      {fields.map((f) => {
        const verdict = evaluation.fields[f];
        const set = verdict && verdict.code !== 'empty';
        const step = askedAt(f);
        const copy = fieldInfo(f).secret ? () => api.revealSecret(profile.id, f) : (verdict?.value ?? '');
        return (
          <Descriptions.Item key={f} label={tx(fieldInfo(f).label)}>
            {!set ? (
              <Space>
                <Typography.Text type="secondary">{t('summary.notSet')}</Typography.Text>
                {step && (
                  <Button size="small" type="link" onClick={() => editor.goTo(step.id)} data-testid={`${testPrefix}-go-${f}`}>
                    {t('summary.enterAt', { step: tx(step.title) })}
                  </Button>
                )}
              </Space>
            ) : (
              <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                {fieldInfo(f).secret ? (
                  <SecretValue profileId={profile.id} field={f} masked={verdict.value} testPrefix={testPrefix} />
                ) : (
                  <Space>
                    <span className={f === 'corp_name' ? undefined : 'mono'} data-testid={`${testPrefix}-${f}`}>
                      {verdict.value}
                    </span>
                    {!verdict.ok && <Tag color="error">{tx(verdict.message)}</Tag>}
                  </Space>
                )}
                <CopyButton size="small" text={copy} testId={`${testPrefix}-copy-${f}`} />
              </Space>
            )}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}
