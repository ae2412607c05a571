import { Code } from '@mantine/core';

/** A value shown as indented JSON text (never as HTML). */
export function JsonBlock({ value }: { value: unknown }) {
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 320, overflow: 'auto' }}>
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </Code>
  );
}
