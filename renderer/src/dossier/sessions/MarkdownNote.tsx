import Markdown from 'react-markdown';

/**
 * Notes are markdown. react-markdown builds React elements and never injects HTML: raw
 * HTML in a note stays text. Links and images are shown as text only: the app makes no
 * network requests and opens nothing outside itself.
 */
export function MarkdownNote({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown
        skipHtml
        components={{
          a: ({ children }) => <span className="markdown__link">{children}</span>,
          img: ({ alt }) => <span className="markdown__image">[{alt}]</span>,
        }}
      >
        {text}
      </Markdown>
    </div>
  );
}
