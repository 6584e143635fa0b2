// The core writes names an admin may need to type exactly (a key, a placeholder, a file) between
// backticks. Shown as code, never as literal backticks.
import { Typography } from 'antd';

/** `text` with every `…` span shown as inline code. */
export default function Backticks({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd count of backticks leaves the last one as written.
  if (parts.length % 2 === 0) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Typography.Text code key={i}>
            {part}
          </Typography.Text>
        ) : (
          part
        ),
      )}
    </>
  );
}
