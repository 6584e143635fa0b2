import { Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EventTopic, EventSubscription } from '../ipc';
import { useText } from '../i18n';
import { CopyButton } from './UrlList';

/** The event types the platform needs ticked under 事件订阅, each with what the platform does with
 * it, and the push mode the platform uses (Stream 模式推送 or HTTP 推送). */
export default function EventTopicList({ events }: { events: EventSubscription }) {
  const { t } = useTranslation();
  const tx = useText();
  return (
    <Flex vertical gap={8} data-testid="event-topics" data-push={events.push}>
      <Typography.Text>
        {t('wizard.eventsPush')}{' '}
        <Tag color={events.push === 'stream' ? 'blue' : 'default'} data-testid="event-push">
          {events.push === 'stream' ? t('wizard.pushStream') : t('wizard.pushHttp')}
        </Tag>
      </Typography.Text>
      <Table<EventTopic>
        size="small"
        pagination={false}
        rowKey="topic"
        dataSource={events.topics}
        columns={[
          {
            title: t('wizard.eventTopic'),
            key: 'topic',
            width: 220,
            render: (_: unknown, e: EventTopic) => (
              <Flex gap={4} align="center">
                <Typography.Text code data-testid={`event-topic-${e.topic}`}>
                  {e.topic}
                </Typography.Text>
                <CopyButton text={e.topic} />
              </Flex>
            ),
          },
          {
            title: t('wizard.eventPurpose'),
            key: 'purpose',
            render: (_: unknown, e: EventTopic) => tx(e.purpose),
          },
        ]}
      />
    </Flex>
  );
}
