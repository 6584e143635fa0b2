// A diagnosis as the admin follows it, in three labelled parts: 现象 (what you see), 原因 (why) and
// 去哪改 (the menu path in bold, then one numbered step per line), then what else to know as a list.
// The parts come from the core's knowledge base (`Advice`), the same the report and the CLI print.
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Advice } from '../ipc';
import { useText } from '../i18n';
import Backticks from '../components/Backticks';

/**
 * `causeId` marks what happened and why (现象, 原因), `fixId` where and how to fix it (去哪改 and
 * what else to know), for tests that read either half.
 */
export default function AdviceView({ advice, causeId, fixId }: { advice: Advice; causeId: string; fixId: string }) {
  const { t } = useTranslation();
  const tx = useText();
  const label = (key: string) => (
    <Typography.Text strong style={{ flexShrink: 0 }}>
      {t(`advice.${key}`)}
    </Typography.Text>
  );
  return (
    <Flex vertical gap={10}>
      <Flex vertical gap={10} data-testid={causeId}>
        <div>
          {label('symptom')}
          <div>{tx(advice.symptom)}</div>
        </div>
        <div>
          {label('cause')}
          <div>{tx(advice.cause)}</div>
        </div>
      </Flex>
      <Flex vertical gap={10} data-testid={fixId}>
        <div>
          {label('where')}
          {advice.place && (
            <div>
              <Typography.Text strong data-testid={`${fixId}-place`}>
                {tx(advice.place)}
              </Typography.Text>
            </div>
          )}
          {advice.steps.length > 0 && (
            <ol style={{ margin: '4px 0 0', paddingInlineStart: 22 }} data-testid={`${fixId}-steps`}>
              {advice.steps.map((s, i) => (
                <li key={i}>
                  <Backticks text={tx(s)} />
                </li>
              ))}
            </ol>
          )}
        </div>
        {advice.notes.length > 0 && (
          <div data-testid={`${fixId}-notes`}>
            {label('notes')}
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 22 }}>
              {advice.notes.map((n, i) => (
                <li key={i}>
                  <Backticks text={tx(n)} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </Flex>
    </Flex>
  );
}
