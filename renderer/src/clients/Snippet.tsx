/**
 * A search snippet from the full-text index: matched words arrive between \u0002 and
 * \u0003. They become <mark> elements; the text itself stays text, never HTML.
 */
export function Snippet({ text }: { text: string }) {
  const parts: { text: string; marked: boolean; at: number }[] = [];
  let marked = false;
  let buffer = '';
  let at = 0;
  // Markdown signs in a note are noise in a one-line snippet.
  for (const char of text.replace(/[*_`#>~]+/g, '')) {
    if (char === '\u0002' || char === '\u0003') {
      if (buffer) parts.push({ text: buffer, marked, at });
      at += buffer.length + 1;
      buffer = '';
      marked = char === '\u0002';
    } else {
      buffer += char;
    }
  }
  if (buffer) parts.push({ text: buffer, marked, at });
  return (
    <span className="snippet">
      {parts.map((part) =>
        part.marked ? (
          <mark key={part.at}>{part.text}</mark>
        ) : (
          <span key={part.at}>{part.text}</span>
        ),
      )}
    </span>
  );
}
