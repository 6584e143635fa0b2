import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  type FormInstance,
  Input,
  List,
  Modal,
  Radio,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { CopyOutlined, DeleteOutlined, EditOutlined, FileAddOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import ImportButton from '../outputs/ImportButton';
import BeforeYouStart from './BeforeYouStart';
import Backticks from '../components/Backticks';
import { ErrorCode, hasCode, useFail } from '../errors';
import { api, type ProfileSummary, type ProfileView, type TemplateProblem } from '../ipc';
import { useAppData } from '../context';
import { useText } from '../i18n';
import { formatTime } from '../format';
import { firstScreenDrawn } from '../ready';

interface Props {
  onOpen: (view: ProfileView) => void;
  /** The bindings read at start-up (boot.ts); without them the list is read on mount. */
  initial?: ProfileSummary[] | null;
}

type NameDialog = { kind: 'create' } | { kind: 'rename' | 'duplicate'; profile: ProfileSummary };

export default function StartScreen({ onOpen, initial = null }: Props) {
  const { t } = useTranslation();
  const tx = useText();
  const { info, templates } = useAppData();
  const { message, modal } = AntApp.useApp();
  const fail = useFail();
  const [profiles, setProfiles] = useState<ProfileSummary[] | null>(initial);
  const [dialog, setDialog] = useState<NameDialog | null>(null);

  const reload = useCallback(() => {
    api
      .listProfiles()
      .then(setProfiles)
      .catch(fail);
  }, [fail]);
  // Read on mount unless start-up already did; `initial` only ever seeds the first drawing.
  const seeded = useRef(initial !== null);
  useEffect(() => {
    if (seeded.current) seeded.current = false;
    else reload();
  }, [reload]);
  // Drawn with its list: the start-up is over (see ready.ts).
  useEffect(() => {
    if (profiles) firstScreenDrawn();
  }, [profiles]);

  // A profile deleted or moved since the list was read: say so and show the list as it is now.
  const open = (id: string) =>
    api
      .openProfile(id)
      .then(onOpen)
      .catch((e: unknown) => {
        fail(e);
        if (hasCode(e, ErrorCode.profileNotFound)) reload();
      });
  const stepTitle = (p: ProfileSummary) => {
    const template = templates.find((x) => x.id === p.template_id);
    const step = template?.steps.find((s) => s.id === p.current_step);
    return step ? tx(step.title) : p.current_step ? t(`pages.${p.current_step}.title`, { defaultValue: '' }) : '';
  };
  const confirmDelete = (p: ProfileSummary) =>
    modal.confirm({
      title: t('start.deleteTitle', { name: p.name }),
      content: t('start.deleteBody'),
      okText: t('start.deleteOk'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' },
      cancelText: t('start.cancel'),
      onOk: () =>
        api
          .deleteProfile(p.id)
          .then(() => {
            message.success(t('start.deleted'));
            reload();
          })
          .catch(fail),
    });

  return (
    <div style={{ overflow: 'auto', flex: 1 }}>
      <div style={{ maxWidth: 980, margin: '0 auto', padding: '28px 24px 40px' }}>
        <Card style={{ marginBottom: 20, background: 'linear-gradient(120deg,#1677ff 0%,#0a59f7 60%,#3d8eff 100%)' }}>
          <Flex justify="space-between" align="center" gap={24}>
            <div>
              <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
                {t('app.title')}
              </Typography.Title>
              <Typography.Paragraph style={{ color: 'rgba(255,255,255,.88)', margin: '8px 0 0', maxWidth: 620 }}>
                {t('app.subtitle')}
              </Typography.Paragraph>
            </div>
            <Flex gap={8} vertical>
              <Button size="large" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="create-profile">
                {t('start.create')}
              </Button>
              <ImportButton onOpen={onOpen} />
            </Flex>
          </Flex>
        </Card>

        {profiles && <BeforeYouStart open={profiles.length === 0} />}

        {!info.keychain_available && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('keychain.unavailable')} />
        )}
        {info.template_problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('start.templateProblems', { count: info.template_problems.length })}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {info.template_problems.map((p) => (
                  <li key={p.file}>
                    <ProblemText problem={p} />
                  </li>
                ))}
              </ul>
            }
          />
        )}

        <Card title={t('start.heading')} styles={{ body: { padding: profiles?.length ? 0 : 24 } }}>
          {profiles && profiles.length === 0 ? (
            <Empty description={t('start.empty')}>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
                {t('start.create')}
              </Button>
            </Empty>
          ) : (
            <List
              loading={!profiles}
              dataSource={profiles ?? []}
              rowKey="id"
              renderItem={(p) => {
                const template = templates.find((x) => x.id === p.template_id);
                return (
                  <List.Item
                    data-testid="profile-row"
                    style={{ padding: '14px 24px' }}
                    actions={
                      p.broken
                        ? [
                            <Button key="del" type="text" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(p)}>
                              {t('start.delete')}
                            </Button>,
                          ]
                        : [
                            <Button key="open" type="primary" onClick={() => void open(p.id)} data-testid="open-profile">
                              {t('start.open')}
                            </Button>,
                            <Tooltip key="ren" title={t('start.rename')}>
                              <Button type="text" icon={<EditOutlined />} aria-label={t('start.rename')} onClick={() => setDialog({ kind: 'rename', profile: p })} />
                            </Tooltip>,
                            <Tooltip key="dup" title={t('start.duplicate')}>
                              <Button type="text" icon={<CopyOutlined />} aria-label={t('start.duplicate')} onClick={() => setDialog({ kind: 'duplicate', profile: p })} />
                            </Tooltip>,
                            <Tooltip key="del" title={t('start.delete')}>
                              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('start.delete')} onClick={() => confirmDelete(p)} data-testid="delete-profile" />
                            </Tooltip>,
                          ]
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Space>
                          {p.broken ? <WarningOutlined style={{ color: '#ff4d4f' }} /> : null}
                          {p.broken ? (
                            <span>{p.name}</span>
                          ) : (
                            <Button type="link" className="profile-name" onClick={() => void open(p.id)}>
                              {p.name}
                            </Button>
                          )}
                          {template && <Tag color="blue">{tx(template.name)}</Tag>}
                          {p.broken && <Tag color="error">{t('start.broken')}</Tag>}
                        </Space>
                      }
                      description={
                        p.broken ? (
                          <span>
                            <span className="mono">{p.broken}</span> — {t('start.brokenHint')}
                          </span>
                        ) : (
                          <Space split="·" wrap>
                            <span>{t('start.atStep', { step: stepTitle(p) })}</span>
                            <span>{t('start.updated', { time: formatTime(p.updated_at) })}</span>
                          </Space>
                        )
                      }
                    />
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      </div>
      {dialog && (
        <NameDialogView
          dialog={dialog}
          count={profiles?.length ?? 0}
          onClose={() => setDialog(null)}
          onDone={(view) => {
            setDialog(null);
            if (view) onOpen(view);
            else reload();
          }}
        />
      )}
    </div>
  );
}

function NameDialogView({
  dialog,
  count,
  onClose,
  onDone,
}: {
  dialog: NameDialog;
  count: number;
  onClose: () => void;
  onDone: (view: ProfileView | null) => void;
}) {
  const { t } = useTranslation();
  const tx = useText();
  const { templates, templateAdded } = useAppData();
  const { message } = AntApp.useApp();
  // Adding a template file is for server teams: it waits under 高级 (one click shows it).
  const [advanced, setAdvanced] = useState(false);
  const fail = useFail();
  const [form] = Form.useForm<{ name: string; template: string }>();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<TemplateProblem | null>(null);

  const addTemplate = async () => {
    try {
      const added = await api.addTemplate();
      if (!added) return;
      if (added.kind === 'refused') {
        setRefused(added.problem);
        return;
      }
      setRefused(null);
      templateAdded(added.template);
      form.setFieldValue('template', added.template.id);
      const name = tx(added.template.name);
      message.success(added.replaced ? t('start.templateReplaced', { name }) : t('start.templateAdded', { name }));
    } catch (e) {
      fail(e);
    }
  };
  const initialName =
    dialog.kind === 'create'
      ? t('start.defaultName', { n: count + 1 })
      : dialog.kind === 'duplicate'
        ? t('start.duplicateName', { name: dialog.profile.name })
        : dialog.profile.name;
  const title =
    dialog.kind === 'create' ? t('start.createTitle') : dialog.kind === 'rename' ? t('start.renameTitle') : t('start.duplicate');

  // Enter runs both the input's onPressEnter and the form's implicit submit: one of them acts.
  const submitting = useRef(false);
  const submit = async () => {
    if (submitting.current) return;
    submitting.current = true;
    try {
      const values = await validated(form);
      if (!values) return;
      const { name, template } = values;
      setBusy(true);
      if (dialog.kind === 'create') onDone(await api.createProfile(name, template));
      else if (dialog.kind === 'rename') {
        await api.renameProfile(dialog.profile.id, name);
        onDone(null);
      } else {
        const copy = await api.duplicateProfile(dialog.profile.id, name);
        message.success(t('start.copied', { name: copy.name }));
        onDone(null);
      }
    } catch (e) {
      fail(e);
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={dialog.kind === 'create' ? t('start.createOk') : undefined}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'dialog-ok' }}
      width={dialog.kind === 'create' ? 620 : 440}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: initialName, template: templates[0]?.id }}
        onFinish={() => void submit()}
        requiredMark={false}
      >
        <Form.Item
          name="name"
          label={t('start.nameLabel')}
          rules={[{ required: true, whitespace: true, message: t('start.nameRequired') }, { max: 80 }]}
        >
          <Input placeholder={t('start.namePlaceholder')} autoFocus data-testid="profile-name-input" onPressEnter={() => void submit()} />
        </Form.Item>
        {dialog.kind === 'create' && (
          <Form.Item name="template" label={t('start.templateLabel')}>
            <Radio.Group style={{ width: '100%' }}>
              <Flex vertical gap={10}>
                {templates.map((tpl) => (
                  <Radio key={tpl.id} value={tpl.id} data-testid={`template-${tpl.id}`}>
                    <Typography.Text strong>{tx(tpl.name)}</Typography.Text>
                    {!tpl.builtin && (
                      <Tag color="purple" style={{ marginInlineStart: 8 }}>
                        {t('start.customTag')}
                      </Tag>
                    )}
                    {tx(tpl.description) && (
                      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', fontSize: 13 }}>
                        {tx(tpl.description)}
                      </Typography.Paragraph>
                    )}
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Form.Item>
        )}
        {dialog.kind === 'create' && !advanced && (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setAdvanced(true)} data-testid="create-advanced">
            {t('start.advanced')}
          </Button>
        )}
        {dialog.kind === 'create' && advanced && (
          <Flex vertical gap={8}>
            <Flex gap={12} align="center">
              <Button type="dashed" icon={<FileAddOutlined />} onClick={() => void addTemplate()} data-testid="add-template">
                {t('start.addTemplate')}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('start.addTemplateHint')}
              </Typography.Text>
            </Flex>
            {refused && (
              <Alert
                type="error"
                showIcon
                closable
                onClose={() => setRefused(null)}
                message={t('start.templateRefused')}
                description={
                  <>
                    <ProblemText problem={refused} />
                    <div style={{ marginTop: 4 }}>{t('start.templateRefusedHint')}</div>
                  </>
                }
                data-testid="template-refused"
              />
            )}
          </Flex>
        )}
      </Form>
    </Modal>
  );
}

/**
 * The form's values, or `null` when a field is invalid (the form shows why). A validation still
 * running from the last keystroke makes antd reject as `outOfDate`; that is not an answer, so it is
 * asked again rather than letting a click on OK do nothing.
 */
async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await form.validateFields();
    } catch (e) {
      if (!(e as { outOfDate?: boolean }).outOfDate) return null;
    }
  }
  return null;
}

/** Where a template file is wrong: file:line, the key path, and why (in the admin's language). */
function ProblemText({ problem: p }: { problem: TemplateProblem }) {
  const tx = useText();
  return (
    <span style={{ wordBreak: 'break-all' }}>
      <span className="mono">
        {p.file}
        {p.line > 0 ? `:${p.line}` : ''}
      </span>
      {p.field && (
        <>
          {' '}
          <Typography.Text code>{p.field}</Typography.Text>
        </>
      )}{' '}
      — <Backticks text={tx(p.message)} />
    </span>
  );
}
