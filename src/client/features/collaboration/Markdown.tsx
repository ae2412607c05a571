import { Anchor, Code, Text, Typography } from '@mantine/core';
import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import { safeMarkdownUrl } from './markdown-safety';

// Raw HTML in the source is dropped (never parsed into elements); images are shown as their text
// (no tracking pixels); links keep only http(s) targets and open in a new tab without a referrer.
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </Anchor>
    ) : (
      <Text span>{children}</Text>
    ),
  code: ({ children }) => <Code>{children as ReactNode}</Code>,
};

/** Markdown written by people, rendered safely: no HTML, no scripts, links only to http(s). */
export function Markdown({ source }: { source: string }) {
  return (
    <Typography fz="sm" style={{ wordBreak: 'break-word' }} data-testid="markdown">
      <ReactMarkdown
        skipHtml
        disallowedElements={['img']}
        unwrapDisallowed
        urlTransform={safeMarkdownUrl}
        components={components}
      >
        {source}
      </ReactMarkdown>
    </Typography>
  );
}
