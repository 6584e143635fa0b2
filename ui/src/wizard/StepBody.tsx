/** Renders a template's instructions: blank-line paragraphs, and `1.` lines as a numbered list. */
export default function StepBody({ text }: { text: string }) {
  const blocks = text
    .trim()
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').map((l) => l.trim()).filter(Boolean));
  return (
    <div className="step-body">
      {blocks.map((lines, i) =>
        lines.length > 0 && lines.every((l) => /^\d+[.、]\s*/.test(l)) ? (
          <ol key={i}>
            {lines.map((l, j) => (
              <li key={j}>{l.replace(/^\d+[.、]\s*/, '')}</li>
            ))}
          </ol>
        ) : (
          <p key={i}>{lines.join(' ')}</p>
        ),
      )}
    </div>
  );
}
