// The core marks the place an admin must go in bold (`**左侧菜单 › …**`) and names to type exactly
// in backticks; shown as bold and as code, never as literal marks.
import { Typography } from 'antd';
import Backticks from './Backticks';

/** `text` with every `**…**` span in bold and every `…` span as code. */
export default function Marked({ text }: { text: string }) {
  const parts = text.split('**');
  // An odd count of marks leaves the text as written.
  if (parts.length % 2 === 0) return <Backticks text={text} />;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Typography.Text strong key={i}>
            {part}
          </Typography.Text>
        ) : (
          <Backticks key={i} text={part} />
        ),
      )}
    </>
  );
}
