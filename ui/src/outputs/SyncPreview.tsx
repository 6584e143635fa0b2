// The sync preview (同步预览): who the platform's sync will have — the people DingTalk's API can
// read, i.e. the contact permission range (通讯录权限范围) — and who can open the app from the
// workbench (its visible range), side by side. Each difference comes first, with its reason and the
// console place to fix it; then the fields that come back, the change since the last preview, the
// departments and the people. The walk is the core's (polite, cancellable, resumable).
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Empty,
  Flex,
  Input,
  InputNumber,
  List,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { FileExcelOutlined, FolderOpenOutlined, PauseOutlined, PlayCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  api,
  type DeptRow,
  type FieldStatus,
  type PersonRow,
  type PreviewDiff,
  type SyncEnd,
  type SyncOverview,
  type SyncPreview as Preview,
  type SyncProgress,
  type Text,
} from '../ipc';
import { currentLang, useText } from '../i18n';
import { failureText, useFail } from '../errors';
import { formatTime } from '../format';
import Marked from '../components/Marked';

const FIELD_COLOR: Record<FieldStatus, string> = {
  returned: 'success',
  partial: 'warning',
  missing_permission: 'error',
  empty: 'default',
};

export default function SyncPreviewPage({ profileId, practice }: { profileId: string; practice: string | null }) {
  const { t } = useTranslation();
  const tx = useText();
  const fail = useFail();
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [expected, setExpected] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [end, setEnd] = useState<SyncEnd | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    void api.syncOverview(profileId).then(setOverview).catch(fail);
  }, [profileId, fail]);

  const walk = async (resume: boolean) => {
    setRunning(true);
    setError(null);
    setSaved(null);
    setProgress(null);
    const unlisten = await api.onSyncProgress(setProgress);
    try {
      const result = await api.syncPreview(profileId, expected, resume);
      setEnd(result);
      if (result.kind === 'done') setOverview({ summary: result.summary, resumable: false });
      else setOverview((o) => ({ summary: o?.summary ?? null, resumable: true }));
    } catch (e) {
      setError(failureText(e));
      setOverview(await api.syncOverview(profileId).catch(() => null));
    } finally {
      unlisten();
      setRunning(false);
    }
  };
  const saveCsv = () =>
    void api
      .saveSyncCsv(profileId, currentLang())
      .then((path) => path && setSaved(path))
      .catch(fail);

  const preview = end?.kind === 'done' ? end.preview : null;
  const diff = overview?.summary?.diff ?? null;
  return (
    <Flex vertical gap={16} data-testid="sync-page">
      <Typography.Paragraph style={{ margin: 0 }}>
        <Marked text={t('sync.intro')} />
      </Typography.Paragraph>
      {practice && <Alert type="info" showIcon title={t('sync.practice')} />}
      <Flex gap={12} align="center" wrap>
        <label htmlFor="sync-expected">{t('sync.expected')}</label>
        <InputNumber
          id="sync-expected"
          min={0}
          max={1_000_000}
          precision={0}
          value={expected}
          onChange={(v) => setExpected(v)}
          placeholder={t('sync.expectedPlaceholder')}
          style={{ width: 170 }}
          data-testid="sync-expected"
        />
        {running ? (
          <Button icon={<PauseOutlined />} onClick={() => void api.cancelSyncPreview().catch(fail)} data-testid="sync-cancel">
            {t('sync.cancel')}
          </Button>
        ) : (
          <Space wrap>
            <Button type="primary" icon={<SyncOutlined />} onClick={() => void walk(false)} data-testid="sync-start">
              {preview || overview?.summary ? t('sync.again') : t('sync.start')}
            </Button>
            {overview?.resumable && (
              <Button icon={<PlayCircleOutlined />} onClick={() => void walk(true)} data-testid="sync-resume">
                {t('sync.resume')}
              </Button>
            )}
          </Space>
        )}
      </Flex>
      {running && <Walking progress={progress} />}
      {!running && end?.kind === 'cancelled' && (
        <Alert type="info" showIcon title={t('sync.cancelled', counts(end.progress))} data-testid="sync-cancelled" />
      )}
      {error && <Alert type="error" showIcon title={tx(error)} description={overview?.resumable ? t('sync.canResume') : undefined} data-testid="sync-error" />}
      {preview ? (
        <Result preview={preview} diff={diff} previousAt={overview?.summary?.previous_at ?? null} onCsv={saveCsv} saved={saved} />
      ) : (
        !running &&
        overview?.summary && (
          <Alert
            type="info"
            showIcon
            data-testid="sync-last"
            title={t('sync.last', { time: formatTime(overview.summary.generated_at), synced: overview.summary.totals.synced })}
            description={t('sync.lastHint')}
          />
        )
      )}
    </Flex>
  );
}

function counts(p: SyncProgress) {
  return { departments: p.departments, people: p.people, requests: p.requests };
}

/** The walk as it goes: what it has counted, and when DingTalk asked it to slow down. */
function Walking({ progress }: { progress: SyncProgress | null }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="sync-progress">
      <Flex gap={12} align="center" wrap>
        <Spin size="small" />
        <Typography.Text aria-live="polite">
          {progress ? t('sync.walking', counts(progress)) : t('sync.starting')}
        </Typography.Text>
        {progress?.waiting_for_rate_limit && <Tag color="warning">{t('sync.throttled')}</Tag>}
      </Flex>
    </Card>
  );
}

function Result({
  preview,
  diff,
  previousAt,
  onCsv,
  saved,
}: {
  preview: Preview;
  diff: PreviewDiff | null;
  previousAt: string | null;
  onCsv: () => void;
  saved: string | null;
}) {
  const { t } = useTranslation();
  const tx = useText();
  const { totals } = preview;
  const unknown = t('sync.unknown');
  return (
    <Flex vertical gap={16} data-testid="sync-result">
      <Card size="small">
        <Flex gap={32} wrap>
          <Statistic title={t('sync.totals.synced')} value={totals.synced} data-testid="sync-synced" />
          <Statistic title={t('sync.totals.canOpen')} value={totals.can_open ?? unknown} />
          <Statistic title={t('sync.totals.openNotSynced')} value={totals.open_not_synced} />
          <Statistic title={t('sync.totals.syncedNotOpen')} value={totals.synced_not_open} />
          <Statistic title={t('sync.totals.departments')} value={totals.departments} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sync.requests', { time: formatTime(preview.generated_at), requests: totals.requests, throttled: totals.throttled })}
        </Typography.Text>
      </Card>
      {totals.expected !== null && (
        <Alert
          type={totals.expected_matches ? 'success' : 'warning'}
          showIcon
          data-testid="sync-expected-verdict"
          title={
            totals.expected_matches
              ? t('sync.expectedMatches', { expected: totals.expected })
              : t('sync.expectedDiffers', { expected: totals.expected, synced: totals.synced })
          }
        />
      )}
      <Card size="small" title={t('sync.differences', { count: preview.differences.length })} data-testid="sync-differences">
        {preview.differences.length === 0 ? (
          <Alert type="success" showIcon title={t('sync.same')} />
        ) : (
          <List
            size="small"
            dataSource={preview.differences}
            renderItem={(d) => (
              <List.Item data-testid={`sync-difference-${d.kind}`}>
                <Flex vertical gap={4}>
                  <Space wrap>
                    <Tag color={d.kind === 'open_not_synced' ? 'error' : 'warning'}>{t(`sync.kind.${d.kind}`)}</Tag>
                    <Typography.Text strong>{d.name ?? d.dept_name ?? ''}</Typography.Text>
                    <Typography.Text type="secondary">{t('sync.people', { count: d.people })}</Typography.Text>
                  </Space>
                  <Typography.Text>
                    <Marked text={tx(d.reason)} />
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      {preview.visible.kind === 'unreadable' && <Alert type="info" showIcon title={tx(preview.visible.reason)} />}
      {preview.visible.kind === 'no_agent_id' && <Alert type="info" showIcon title={t('sync.noAgentId')} />}
      {preview.notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('sync.notes')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {preview.notes.map((n) => (
                <li key={n.zh}>
                  <Marked text={tx(n)} />
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" title={t('sync.fields')} data-testid="sync-fields">
        <Table
          size="small"
          pagination={false}
          rowKey="field"
          dataSource={preview.fields}
          columns={[
            { title: t('sync.field'), render: (_, f) => tx(f.label) },
            { title: t('sync.returned'), dataIndex: 'returned', align: 'right' as const },
            { title: t('sync.status'), render: (_, f) => <Tag color={FIELD_COLOR[f.status]}>{t(`sync.fieldStatus.${f.status}`)}</Tag> },
            { title: t('sync.permission'), render: (_, f) => (f.permission ? tx(f.permission) : '') },
          ]}
        />
      </Card>
      <Changes diff={diff} previousAt={previousAt} />
      <Collapse
        items={[
          {
            key: 'departments',
            label: t('sync.departments', { count: preview.departments.length }),
            children: <Departments rows={preview.departments} />,
          },
          {
            key: 'people',
            label: t('sync.everyone', { count: preview.people.length }),
            children: <People rows={preview.people} />,
          },
        ]}
      />
      <Flex gap={8} align="center" wrap>
        <Button icon={<FileExcelOutlined />} onClick={onCsv} data-testid="sync-csv">
          {t('sync.csv')}
        </Button>
        {saved && (
          <>
            <Typography.Text type="success">{t('report.savedTo')}</Typography.Text>
            <Typography.Text className="mono" style={{ fontSize: 12 }} data-testid="sync-saved">
              {saved}
            </Typography.Text>
            <OpenSaved path={saved} />
          </>
        )}
      </Flex>
    </Flex>
  );
}

function OpenSaved({ path }: { path: string }) {
  const { t } = useTranslation();
  const fail = useFail();
  return (
    <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void api.openSaved(path).catch(fail)}>
      {t('report.open')}
    </Button>
  );
}

/** Joiners, leavers and moves since the preview before. */
function Changes({ diff, previousAt }: { diff: PreviewDiff | null; previousAt: string | null }) {
  const { t } = useTranslation();
  if (!previousAt || !diff) return null;
  const names = (list: { name: string; userid: string }[]) => list.map((p) => p.name || p.userid).join('、');
  const empty = diff.joiners.length + diff.leavers.length + diff.moves.length === 0;
  return (
    <Card size="small" title={t('sync.changes', { time: formatTime(previousAt) })} data-testid="sync-changes">
      {empty ? (
        <Typography.Text type="secondary">{t('sync.noChanges')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {diff.joiners.length > 0 && <Typography.Text>{t('sync.joiners', { count: diff.joiners.length, names: names(diff.joiners) })}</Typography.Text>}
          {diff.leavers.length > 0 && (
            <Typography.Text type="danger">{t('sync.leavers', { count: diff.leavers.length, names: names(diff.leavers) })}</Typography.Text>
          )}
          {diff.moves.map((m) => (
            <Typography.Text key={m.userid}>
              {t('sync.moved', { name: m.name || m.userid, from: m.from.join('、'), to: m.to.join('、') })}
            </Typography.Text>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function yesNo(t: (k: string) => string, v: boolean | null) {
  return v === null ? <Tag>{t('sync.unknown')}</Tag> : v ? <Tag color="success">{t('sync.yes')}</Tag> : <Tag color="error">{t('sync.no')}</Tag>;
}

function Departments({ rows }: { rows: DeptRow[] }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(d) => String(d.dept_id)}
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        {
          title: t('sync.department'),
          render: (_, d) => <span style={{ paddingLeft: d.depth * 16 }}>{d.name}</span>,
        },
        { title: t('sync.members'), dataIndex: 'members', align: 'right' as const },
        { title: t('sync.direct'), dataIndex: 'direct_members', align: 'right' as const },
        { title: t('sync.canOpen'), render: (_, d) => yesNo(t, d.can_open) },
      ]}
    />
  );
}

function People({ rows }: { rows: PersonRow[] }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? rows.filter((p) => p.name.toLowerCase().includes(q) || p.userid.toLowerCase().includes(q) || p.dept_names.some((d) => d.toLowerCase().includes(q))) : rows;
  }, [rows, query]);
  return (
    <Flex vertical gap={8}>
      <Input.Search
        allowClear
        aria-label={t('sync.search')}
        placeholder={t('sync.search')}
        onChange={(e) => setQuery(e.target.value)}
        style={{ maxWidth: 320 }}
      />
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table
          size="small"
          rowKey="userid"
          dataSource={shown}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: t('sync.name'), render: (_, p) => p.name || <Typography.Text type="secondary">{p.userid}</Typography.Text> },
            { title: t('sync.department'), render: (_, p) => p.dept_names.join('、') },
            { title: t('sync.synced'), render: (_, p) => yesNo(t, p.synced) },
            { title: t('sync.canOpen'), render: (_, p) => yesNo(t, p.can_open) },
            { title: t('sync.difference'), render: (_, p) => (p.difference ? t(`sync.kind.${p.difference}`) : '') },
          ]}
        />
      )}
    </Flex>
  );
}
