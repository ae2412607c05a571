import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';
import { safeMarkdownUrl } from './markdown-safety';

describe('Markdown rendering of comments', () => {
  it('keeps only http(s) link targets', () => {
    expect(safeMarkdownUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeMarkdownUrl('javascript:alert(1)')).toBe('');
    expect(safeMarkdownUrl('JaVaScRiPt:alert(1)')).toBe('');
    expect(safeMarkdownUrl('data:text/html,<script>alert(1)</script>')).toBe('');
    expect(safeMarkdownUrl('/relative')).toBe('');
  });
});

describe('the Markdown component', () => {
  const render = (source: string) =>
    renderToStaticMarkup(createElement(MantineProvider, null, createElement(Markdown, { source })));

  it('drops raw HTML and never renders a script or a javascript: link', () => {
    const html = render(
      'Hello **team** <script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) [ok](https://example.com)',
    );
    expect(html).toContain('<strong>team</strong>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('href="https://example.com/"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html.match(/<a /g)).toHaveLength(1);
  });
});
