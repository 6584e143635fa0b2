import { useEffect, useState } from 'react';
import { Alert, Button, Card, Drawer, Empty, Flex, List, Space, Table, Tag, Typography } from 'antd';
import { ArrowRightOutlined, DiffOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { failureText } from '../errors';
import { api, type ChangeKind, type CheckResult, type RecordedRun, type RunDiff, type RunListItem, type Summary, type Text } from '../ipc';
import { useText } from '../i18n';
import { formatTime } from '../format';
import { StatusIcon, StatusTag } from '../checks/StatusIcon';
import CheckDrawer from '../checks/CheckDrawer';
import SupportSummary from './SupportSummary';

const KIND_COLOR: Record<ChangeKind, string> = {
  regressed: 'error',
  fixed: 'success',
  reason: 'warning',
  added: 'processing',
  removed: 'default',
};

export function SummaryTags({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {summary.fail > 0 && <Tag color="error">{t('history.fail', { count: summary.fail })}</Tag>}
      {summary.warn > 0 && <Tag color="warning">{t('history.warn', { count: summary.warn })}</Tag>}
      <Tag color="success">{t('history.ok', { count: summary.ok })}</Tag>
      {summary.skipped + summary.manual > 0 && <Tag>{t('history.other', { count: summary.skipped + summary.manual })}</Tag>}
    </Space>
  );
}

/** Every kept live-test run of this profile; pick two to see which checks changed and why. */
interface Props {
  profileId: string;
  refreshKey: unknown;
}

export default function RunHistory({ profileId, refreshKey }: Props) {
  const { t } = useTranslation();
  const tx = useText();
  const [runs, setRuns] = useState<RunListItem[] | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [diff, setDiff] = useState<RunDiff | null>(null);
  const [viewing, setViewing] = useState<RecordedRun | null>(null);
  const [open, setOpen] = useState<CheckResult | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const [diffError, setDiffError] = useState<Text | null>(null);
  // Support mode: the newest run that came in a customer's report, read whole for its summary.
  const [imported, setImported] = useState<RecordedRun | null>(null);
  const failed = (set: (t: Text) => void) => (e: unknown) => set(failureText(e));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` changes after each new run, to list it
  useEffect(() => {
    setError(null);
    api
      .listRuns(profileId)
      .then((r) => {
        setRuns(r);
        const from = r.find((x) => x.imported_from);
        if (from) void api.getRun(profileId, from.id).then(setImported, failed(setError));
        else setImported(null);
        // The two newest are what an admin usually compares.
        setSelected(r.slice(0, 2).map((x) => x.id));
      })
      .catch(failed(setError));
  }, [profileId, refreshKey]);

  const byId = (id: string) => runs?.find((r) => r.id === id);
  const compare = () => {
    // Older run first, whatever order they were ticked in.
    const [a, b] = [...selected].sort((x, y) => (byId(x)!.started_at < byId(y)!.started_at ? -1 : 1));
    setDiffError(null);
    void api
      .diffRuns(profileId, a!, b!)
      .then(setDiff)
      .catch(failed(setDiffError));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a comparison shown is of the runs ticked before; clear it when they change
  useEffect(() => setDiff(null), [selected]);

  if (error) return <Alert type="error" showIcon title={tx(error)} />;
  if (runs && !runs.length) return <Empty description={t('history.empty')} data-testid="history-empty" />;

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('history.intro')}</Typography.Paragraph>
      {imported && <SupportSummary imported={imported} />}
      <Table<RunListItem>
        size="small"
        rowKey="id"
        loading={!runs}
        dataSource={runs ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="history-table"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected((keys as string[]).slice(-2)),
          hideSelectAll: true,
        }}
        columns={[
          {
            title: t('history.when'),
            dataIndex: 'started_at',
            render: (v: string, r) => (
              <Space size={4} wrap>
                <span>{formatTime(v)}</span>
                {r.practice && <Tag color="purple">{t('history.practice', { scenario: tx(r.practice.title) })}</Tag>}
                {r.imported_from && <Tag color="geekblue">{t('history.imported')}</Tag>}
                {r.cancelled && <Tag>{t('live.cancelled')}</Tag>}
              </Space>
            ),
          },
          { title: t('history.result'), dataIndex: 'summary', render: (s: Summary) => <SummaryTags summary={s} /> },
          { title: t('history.took'), dataIndex: 'duration_ms', width: 100, render: (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`) },
          {
            title: '',
            width: 80,
            render: (_, r) => (
              <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => void api.getRun(profileId, r.id).then(setViewing).catch(failed(setDiffError))}>
                {t('history.view')}
              </Button>
            ),
          },
        ]}
      />
      <Flex gap={12} align="center">
        <Button type="primary" icon={<DiffOutlined />} disabled={selected.length !== 2} onClick={compare} data-testid="history-compare">
          {t('history.compare')}
        </Button>
        <Typography.Text type="secondary">{t('history.pickTwo')}</Typography.Text>
      </Flex>
      {diffError && <Alert type="error" showIcon title={tx(diffError)} data-testid="history-error" />}

      {diff && (
        <Card size="small" title={t('history.diffTitle')} data-testid="history-diff">
          {diff.changes.length === 0 ? (
            <Typography.Text type="success">{t('history.noChange', { count: diff.unchanged })}</Typography.Text>
          ) : (
            <List
              dataSource={diff.changes}
              footer={<Typography.Text type="secondary">{t('history.unchanged', { count: diff.unchanged })}</Typography.Text>}
              renderItem={(c) => (
                <List.Item key={c.id} data-testid={`diff-${c.id}`} data-kind={c.kind}>
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    <Flex gap={8} align="center" wrap>
                      <Tag color={KIND_COLOR[c.kind]}>{t(`history.kind.${c.kind}`)}</Tag>
                      <Typography.Text strong>{tx(c.title)}</Typography.Text>
                      <Space size={4}>
                        {c.before ? <StatusTag status={c.before.status} /> : <Tag>—</Tag>}
                        <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
                        {c.after ? <StatusTag status={c.after.status} /> : <Tag>—</Tag>}
                      </Space>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {tx((c.after ?? c.before)!.message)}
                    </Typography.Text>
                    {c.after?.fix && c.after.status !== 'ok' && (
                      <Typography.Text style={{ fontSize: 13 }}>
                        {t('live.drawer.fix')}：{tx(c.after.fix)}
                      </Typography.Text>
                    )}
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}

      <Drawer
        open={!!viewing}
        onClose={() => setViewing(null)}
        size="large"
        title={viewing ? t('history.runOf', { time: formatTime(viewing.run.started_at) }) : ''}
      >
        {viewing && (
          <Flex vertical gap={12}>
            {viewing.imported_from && <Alert type="info" showIcon title={t('history.importedFrom', { from: viewing.imported_from })} />}
            <SummaryTags summary={viewing.run.summary} />
            <List
              dataSource={viewing.run.checks}
              renderItem={(c) => (
                <List.Item key={c.id} style={{ cursor: 'pointer' }} onClick={() => setOpen(c)}>
                  <Flex gap={10} align="flex-start">
                    <StatusIcon status={c.status} />
                    <div>
                      <Typography.Text strong>{tx(c.title)}</Typography.Text>
                      <div style={{ fontSize: 13, color: '#595959' }}>{tx(c.message)}</div>
                    </div>
                  </Flex>
                </List.Item>
              )}
            />
          </Flex>
        )}
      </Drawer>
      <CheckDrawer result={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
