import { Tag } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  LoadingOutlined,
  MinusCircleOutlined,
  QuestionCircleFilled,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CheckStatus } from '../ipc';

export const STATUS_COLOR: Record<CheckStatus, string> = {
  ok: '#52c41a',
  fail: '#ff4d4f',
  warn: '#faad14',
  skipped: '#bfbfbf',
  manual: '#1677ff',
};

/** A check's status as an icon; `undefined` = still running. */
export function StatusIcon({ status }: { status: CheckStatus | undefined }) {
  const style = { color: status ? STATUS_COLOR[status] : '#1677ff', fontSize: 16 };
  switch (status) {
    case undefined:
      return <LoadingOutlined style={style} />;
    case 'ok':
      return <CheckCircleFilled style={style} />;
    case 'fail':
      return <CloseCircleFilled style={style} />;
    case 'warn':
      return <ExclamationCircleFilled style={style} />;
    case 'skipped':
      return <MinusCircleOutlined style={style} />;
    case 'manual':
      return <QuestionCircleFilled style={style} />;
  }
}

export function StatusTag({ status }: { status: CheckStatus | undefined }) {
  const { t } = useTranslation();
  const color = { ok: 'success', fail: 'error', warn: 'warning', skipped: 'default', manual: 'processing' } as const;
  return (
    <Tag color={status ? color[status] : 'processing'} data-testid="check-status-tag">
      {t(`live.status.${status ?? 'pending'}`)}
    </Tag>
  );
}
