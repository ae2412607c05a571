import type { Db } from '../../db/connect';

// "@" then an email (`@ada@example.com`) or a handle (`@ada`, the part of an email before "@").
// It must not follow a letter, digit or dot, so "ada@example.com" alone is not a mention.
const mentionPattern =
  /(?<![\w.@])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}|[A-Za-z0-9._-]+)/g;

/** Markdown without its code (fenced blocks and inline spans): "@" in code is not a mention. */
function withoutCode(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/~~~[\s\S]*?(~~~|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ');
}

/** The distinct names after "@" in Markdown, lower case, without a sentence's closing dot. */
export function parseMentions(markdown: string): string[] {
  const names = new Set<string>();
  for (const match of withoutCode(markdown).matchAll(mentionPattern)) {
    const name = (match[1] ?? '').replace(/[.\-_]+$/, '').toLowerCase();
    if (name !== '') names.add(name);
  }
  return [...names];
}

/** The part of an email before "@", the handle a person is mentioned by. */
export function handleOf(email: string): string {
  return email.slice(0, email.lastIndexOf('@')).toLowerCase();
}

/**
 * The enabled users the names mean: an email matches its account; a handle matches only when
 * exactly one account has it (an ambiguous or unknown name stays plain text).
 */
export async function resolveMentions(db: Db, names: readonly string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const emails = names.filter((name) => name.includes('@'));
  const handles = new Set(names.filter((name) => !name.includes('@')));
  const users = await db.selectFrom('users').select(['id', 'email']).where('isDisabled', '=', 0).execute();
  const ids = new Set<number>();
  const byHandle = new Map<string, number[]>();
  for (const user of users) {
    const email = user.email.toLowerCase();
    if (emails.includes(email)) ids.add(user.id);
    const handle = handleOf(email);
    if (handles.has(handle)) byHandle.set(handle, [...(byHandle.get(handle) ?? []), user.id]);
  }
  for (const matches of byHandle.values()) if (matches.length === 1 && matches[0]) ids.add(matches[0]);
  return [...ids].sort((a, b) => a - b);
}
