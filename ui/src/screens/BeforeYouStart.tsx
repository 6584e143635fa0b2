// 开始前准备: what the admin needs at hand before the first step, so they do not stop half-way to
// find an account, an address or a server IP. Open until the first binding exists.
import { Collapse, List, Typography } from 'antd';
import { CheckSquareOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const ITEMS = ['who', 'platform', 'domain', 'ip', 'time'] as const;

export default function BeforeYouStart({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <Collapse
      style={{ marginBottom: 20, background: '#fff' }}
      defaultActiveKey={open ? ['prepare'] : []}
      data-testid="before-you-start"
      items={[
        {
          key: 'prepare',
          label: (
            <Typography.Text strong>
              <CheckSquareOutlined /> {t('prepare.title')}
            </Typography.Text>
          ),
          children: (
            <List
              size="small"
              split={false}
              dataSource={[...ITEMS]}
              renderItem={(item) => (
                <List.Item style={{ padding: '4px 0' }} data-testid={`prepare-${item}`}>
                  <Typography.Text>
                    <Typography.Text strong>{t(`prepare.${item}.what`)}</Typography.Text>
                    {t(`prepare.${item}.why`)}
                  </Typography.Text>
                </List.Item>
              )}
            />
          ),
        },
      ]}
    />
  );
}
