import { Alert, App as AntApp, Button, Checkbox, Divider, Flex, Form, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Field, type Step, type Template } from '../ipc';
import { useText } from '../i18n';
import { useFieldInfo } from '../context';
import type { Editor } from './useEditor';
import StepBody from './StepBody';
import { FieldInput, SecretInput } from './FieldInput';
import UrlList from './UrlList';
import ValueList from './ValueList';
import PermissionList from './PermissionList';
import EventTopicList from './EventTopicList';
import type { Checks } from '../checks/useChecks';
import { useFail } from '../errors';

export function confirmationKey(step: string, confirm: string): string {
  return `${step}.${confirm}`;
}

interface Props {
  template: Template;
  step: Step;
  editor: Editor;
  checks?: Checks;
}

export default function StepPanel({ template, step, editor, checks }: Props) {
  const { t } = useTranslation();
  const tx = useText();
  const fieldInfo = useFieldInfo();
  const { message } = AntApp.useApp();
  const fail = useFail();
  const { profile, evaluation } = editor;

  const openConsole = (url: string) =>
    api
      .openLink(url)
      .then(() => message.info(t('link.opened')))
      .catch(fail);

  const move = (from: Field, to: Field) => {
    const value = evaluation.fields[from]?.value ?? profile.values[from] ?? '';
    if (fieldInfo(to).secret) {
      editor.setSecret(to, profile.values[from] ?? '');
      editor.setValue(from, '');
    } else {
      editor.update((p) => {
        p.values[to] = value;
        p.values[from] = '';
      });
    }
  };

  const urls = evaluation.urls.filter((u) => step.urls.includes(u.name));
  return (
    <div>
      <StepBody text={tx(step.body)} />
      {step.tip && <Alert type="info" showIcon message={tx(step.tip)} style={{ marginBottom: 16 }} />}
      {step.console && (
        <Button
          type="primary"
          ghost
          icon={<ExportOutlined />}
          onClick={() => void openConsole(step.console!.url)}
          data-testid="open-console"
          style={{ marginBottom: 8 }}
        >
          {tx(step.console.label)}
        </Button>
      )}

      {step.fields.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            {t('wizard.fieldsHeading')}
          </Divider>
          <Form layout="vertical" requiredMark={false} style={{ maxWidth: 640, marginBottom: 8 }}>
            {step.fields.map((f) =>
              fieldInfo(f).secret ? (
                <SecretInput
                  key={f}
                  info={fieldInfo(f)}
                  verdict={evaluation.fields[f]}
                  location={profile.secrets[f]}
                  onChange={(v) => editor.setSecret(f, v)}
                  onReveal={() => api.revealSecret(profile.id, f)}
                  onGenerate={f === 'event_token' || f === 'aes_key' ? () => editor.generateSecret(f) : undefined}
                />
              ) : (
                <FieldInput
                  key={f}
                  info={fieldInfo(f)}
                  value={profile.values[f] ?? ''}
                  verdict={evaluation.fields[f]}
                  cleaned={editor.cleaned[f]}
                  available={template.needs}
                  onChange={(v, pasted) => editor.setValue(f, v, { normalise: pasted })}
                  onBlur={() => editor.normalise(f)}
                  onMove={(to) => move(f, to)}
                />
              ),
            )}
          </Form>
        </>
      )}

      {urls.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            {t('wizard.urlsHeading')}
          </Divider>
          <UrlList
            urls={urls}
            onEditPattern={(name, pattern) =>
              editor.update((p) => {
                if (pattern === null) delete p.url_patterns[name];
                else p.url_patterns[name] = pattern;
              })
            }
          />
        </>
      )}

      {step.show_permissions && (
        <>
          <Divider titlePlacement="start" plain>
            {t('wizard.permissionsHeading')}
          </Divider>
          <PermissionList permissions={template.permissions} checks={checks} />
        </>
      )}

      {step.show_events && template.events && (
        <>
          <Divider titlePlacement="start" plain>
            {t('wizard.eventsHeading')}
          </Divider>
          <div style={{ maxWidth: 720, marginBottom: 8 }}>
            <EventTopicList events={template.events} />
          </div>
        </>
      )}

      {step.hand_over.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            {t('wizard.handOverHeading')}
          </Divider>
          <div style={{ maxWidth: 720, marginBottom: 8 }}>
            <ValueList template={template} editor={editor} fields={step.hand_over} testPrefix="handover" />
          </div>
        </>
      )}
    </div>
  );
}

/** The step's confirmations ("I did it in the console"), shown in the wizard's footer beside Next so
 * they never scroll out of sight. A step done in the platform's own back office (its console link
 * is the platform's domain) says so. */
export function StepConfirm({ step, editor }: { step: Step; editor: Editor }) {
  const { t } = useTranslation();
  const tx = useText();
  const { profile } = editor;
  if (step.confirm.length === 0) return null;
  const onPlatform = step.console?.url.startsWith('https://{domain}') ?? false;
  return (
    <div className="step-confirm">
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="confirm-heading">
        {onPlatform ? t('wizard.confirmHeadingPlatform') : t('wizard.confirmHeading')}
      </Typography.Text>
      <Flex vertical gap={6} style={{ marginTop: 4 }}>
        {step.confirm.map((c) => {
          const key = confirmationKey(step.id, c.id);
          return (
            <Checkbox
              key={c.id}
              checked={key in profile.confirmations}
              data-testid={`confirm-${c.id}`}
              onChange={(e) =>
                editor.update((p) => {
                  if (e.target.checked) p.confirmations[key] = new Date().toISOString();
                  else delete p.confirmations[key];
                })
              }
            >
              <Typography.Text>{tx(c.text)}</Typography.Text>
            </Checkbox>
          );
        })}
      </Flex>
    </div>
  );
}
