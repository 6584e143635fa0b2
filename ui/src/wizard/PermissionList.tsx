import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../ipc';
import { useText } from '../i18n';
import { CopyButton } from './UrlList';

export default function PermissionList({ permissions }: { permissions: Permission[] }) {
  const { t } = useTranslation();
  const tx = useText();
  return (
    <Table<Permission>
      size="small"
      pagination={false}
      rowKey="code"
      dataSource={permissions}
      data-testid="permission-list"
      columns={[
        { title: t('perm.group'), key: 'group', width: 120, render: (_, p) => <Tag>{tx(p.group)}</Tag> },
        { title: t('perm.name'), key: 'name', render: (_, p) => tx(p.name) },
        { title: t('perm.code'), key: 'code', render: (_, p) => <span className="mono">{p.code}</span> },
        { title: '', key: 'copy', width: 110, render: (_, p) => <CopyButton text={p.code} /> },
      ]}
    />
  );
}
