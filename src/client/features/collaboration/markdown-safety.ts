/**
 * The URL a Markdown link or image may keep: absolute http(s) only. Anything else (`javascript:`,
 * `data:`, relative tricks) becomes an empty string, which the renderer shows as plain text.
 */
export function safeMarkdownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '';
  } catch {
    return '';
  }
}
