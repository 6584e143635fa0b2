import { Button, Flex, Space, Table, Tag, Typography } from 'antd';
import { ExportOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../ipc';
import { useText } from '../i18n';
import { CopyButton } from './UrlList';
import type { Checks } from '../checks/useChecks';
import { StatusIcon } from '../checks/StatusIcon';
import { useOpenLink } from '../useOpenLink';

/** 权限管理 lives inside each app's page; the app list is the deepest stable link. */
const PERMISSION_PAGE = 'https://open-dev.dingtalk.com/fe/app#/corp/app';

/** The template's permissions; after "Check now", each one ✓/✗ with what to search for when missing. */
export default function PermissionList({ permissions, checks }: { permissions: Permission[]; checks?: Checks }) {
  const { t } = useTranslation();
  const tx = useText();
  const openLink = useOpenLink();
  const result = (code: string) => checks?.results[`scope.${code}`];
  const openConsole = () => openLink(PERMISSION_PAGE);
  return (
    <Flex vertical gap={10}>
      {checks && (
        <Flex justify="flex-end">
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={checks.running}
            onClick={() => checks.start()}
            data-testid="check-permissions"
          >
            {t('perm.checkNow')}
          </Button>
        </Flex>
      )}
      <Table<Permission>
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={permissions}
        data-testid="permission-list"
        columns={[
          ...(checks
            ? [
                {
                  title: t('perm.status'),
                  key: 'status',
                  width: 120,
                  render: (_: unknown, p: Permission) => {
                    const r = result(p.code);
                    if (!r && !checks.running) return <Typography.Text type="secondary">{t('perm.notChecked')}</Typography.Text>;
                    return (
                      <Space data-testid={`perm-status-${p.code}`} data-status={r?.status ?? 'pending'}>
                        <StatusIcon status={r?.status} />
                        {r?.status === 'ok' && <span>{t('perm.granted')}</span>}
                        {r?.status === 'fail' && <span>{t('perm.missing')}</span>}
                        {r && r.status !== 'ok' && r.status !== 'fail' && <span>{t(`live.status.${r.status}`)}</span>}
                      </Space>
                    );
                  },
                },
              ]
            : []),
          { title: t('perm.group'), key: 'group', width: 104, render: (_, p) => <Tag>{tx(p.group)}</Tag> },
          {
            title: t('perm.name'),
            key: 'name',
            render: (_, p) => {
              const r = result(p.code);
              return (
                <Flex vertical gap={4}>
                  <span>{tx(p.name)}</span>
                  {r?.status === 'fail' && (
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {t('perm.searchFor')}
                        <span className="mono">{p.code}</span>
                      </Typography.Text>
                      <Button size="small" type="link" icon={<ExportOutlined />} onClick={() => void openConsole()}>
                        {t('perm.openConsole')}
                      </Button>
                    </Flex>
                  )}
                </Flex>
              );
            },
          },
          { title: t('perm.code'), key: 'code', width: 230, render: (_, p) => <span className="mono">{p.code}</span> },
          { title: '', key: 'copy', width: 110, render: (_, p) => <CopyButton text={p.code} /> },
        ]}
      />
    </Flex>
  );
}
