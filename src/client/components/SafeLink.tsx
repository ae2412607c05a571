import { Anchor, Text } from '@mantine/core';

/** True for http(s) URLs only: `javascript:`, `data:` and the like never become links. */
export function isSafeUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Shows a value as a link when it is an http(s) URL, as plain text otherwise. */
export function SafeLink({ value }: { value: string }) {
  if (!isSafeUrl(value)) return <Text span>{value}</Text>;
  return (
    <Anchor href={value} target="_blank" rel="noopener noreferrer nofollow">
      {value}
    </Anchor>
  );
}
