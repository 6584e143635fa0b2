import { Alert, Button, Collapse, Descriptions, Drawer, Flex, Space, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../ipc';
import { useText } from '../i18n';
import { StatusTag } from './StatusIcon';
import MissingScopes from './MissingScopes';
import { useOpenLink } from '../useOpenLink';
import Backticks from '../components/Backticks';
import AdviceView from './AdviceView';

function Body({ text }: { text: string | null }) {
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>;
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON (an HTML page): shown as it came.
  }
  return (
    <pre className="mono" style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 260, overflow: 'auto' }}>
      {shown}
    </pre>
  );
}

/** What DingTalk answered inside an HTTP 200: its own error code, when the body has one. */
function errcodeOf(body: string | null): string | null {
  if (!body) return null;
  try {
    const v = JSON.parse(body) as { errcode?: unknown; code?: unknown };
    if (typeof v.errcode === 'number' && v.errcode !== 0) return `errcode ${v.errcode}`;
    if (typeof v.code === 'string' && v.code) return v.code;
  } catch {
    // Not JSON: the HTTP status says it all.
  }
  return null;
}

/** Everything about one check, for the admin first: cause, fix with a console link, DingTalk's
 * words; then, folded away for support, the check id, the diagnosis code, the data and the
 * redacted exchanges. */
export default function CheckDrawer({ result, onClose }: { result: CheckResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  const tx = useText();
  const open = useOpenLink();
  // `scope_apply` is shown by MissingScopes, not as raw JSON.
  const data = result ? Object.entries(result.data).filter(([k]) => k !== 'scope_apply') : [];
  return (
    <Drawer open={!!result} onClose={onClose} size="large" title={result && tx(result.title)} data-testid="check-drawer" destroyOnHidden>
      {result && (
        <Flex vertical gap={16}>
          <Space wrap>
            <StatusTag status={result.status} />
            <Typography.Text type="secondary">{t('live.took', { ms: result.duration_ms })}</Typography.Text>
          </Space>
          {result.advice ? (
            <Alert
              type={result.status === 'fail' ? 'error' : result.status === 'warn' ? 'warning' : 'info'}
              description={
                <Flex vertical gap={10} align="flex-start">
                  <AdviceView advice={result.advice} causeId="drawer-cause" fixId="drawer-fix" />
                  {result.fix_url && (
                    <Button size="small" icon={<ExportOutlined />} onClick={() => open(result.fix_url!)}>
                      {t('live.drawer.openFix')}
                    </Button>
                  )}
                </Flex>
              }
            />
          ) : (
            <>
              <div>
                <Typography.Title level={5}>{t('live.drawer.cause')}</Typography.Title>
                <Typography.Paragraph data-testid="drawer-cause">{tx(result.message)}</Typography.Paragraph>
                {result.skipped_because.length > 0 && (
                  <Typography.Paragraph type="secondary">{t('live.drawer.skippedBecause')}</Typography.Paragraph>
                )}
              </div>
              {result.fix && (
                <Alert
                  type={result.status === 'fail' ? 'error' : 'warning'}
                  showIcon
                  title={t('live.drawer.fix')}
                  description={
                    <Flex vertical gap={8} align="flex-start">
                      <span data-testid="drawer-fix">
                        <Backticks text={tx(result.fix)} />
                      </span>
                      {result.fix_url && (
                        <Button size="small" icon={<ExportOutlined />} onClick={() => open(result.fix_url!)}>
                          {t('live.drawer.openFix')}
                        </Button>
                      )}
                    </Flex>
                  }
                />
              )}
            </>
          )}
          <MissingScopes data={result.data} />
          {result.original && (
            <div>
              <Typography.Title level={5}>{t('live.drawer.original')}</Typography.Title>
              <Typography.Paragraph className="mono" copyable style={{ fontSize: 12 }} data-testid="drawer-original">
                {result.original}
              </Typography.Paragraph>
            </div>
          )}
          <Collapse
            size="small"
            data-testid="drawer-technical"
            items={[
              {
                key: 'technical',
                forceRender: true,
                label: t('live.drawer.technical'),
                children: (
                  <Flex vertical gap={12}>
                    <Descriptions size="small" column={1} bordered>
                      <Descriptions.Item label={t('live.drawer.checkId')}>
                        <span className="mono">{result.id}</span>
                      </Descriptions.Item>
                      {result.code && (
                        <Descriptions.Item label={t('live.drawer.code')}>
                          <span className="mono" data-testid="drawer-code">
                            {result.code}
                          </span>
                        </Descriptions.Item>
                      )}
                      {result.skipped_because.length > 0 && (
                        <Descriptions.Item label={t('live.drawer.skippedIds')}>
                          <span className="mono">{result.skipped_because.join(', ')}</span>
                        </Descriptions.Item>
                      )}
                      {data.map(([k, v]) => (
                        <Descriptions.Item key={k} label={<span className="mono">{k}</span>}>
                          <span className="mono">{typeof v === 'string' ? v : JSON.stringify(v)}</span>
                        </Descriptions.Item>
                      ))}
                    </Descriptions>
                    {result.trace.length > 0 && (
                      <div>
                        <Typography.Text strong>{t('live.drawer.trace')}</Typography.Text>
                        <Collapse
                          size="small"
                          style={{ marginTop: 6 }}
                          items={result.trace.map((e, i) => ({
                            key: i,
                            label: (
                              <span className="mono" style={{ fontSize: 12 }}>
                                {e.method} {e.url} → {e.status ?? e.error}
                                {errcodeOf(e.response_body) ? ` · ${errcodeOf(e.response_body)}` : ''} · {e.duration_ms} ms
                              </span>
                            ),
                            children: (
                              <Flex vertical gap={8}>
                                <Typography.Text strong>{t('live.drawer.request')}</Typography.Text>
                                <Body text={e.request_body} />
                                <Typography.Text strong>{t('live.drawer.response')}</Typography.Text>
                                <Body text={e.response_body ?? e.error} />
                              </Flex>
                            ),
                          }))}
                        />
                      </div>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
