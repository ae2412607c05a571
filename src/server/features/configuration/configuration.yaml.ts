import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { ConfigurationDocument } from '../../../shared/contracts/configuration';
import type { AppError } from '../../../shared/errors';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';

/** One problem in a configuration file, located by its path in the document and its line. */
export interface ConfigurationIssue {
  /** e.g. `items[3].owner` */
  path: string;
  /** 1-based line in the file, when known */
  line: number | null;
  message: string;
}

/** Default cap on a configuration file, checked before any parsing. */
export const defaultConfigurationLimitBytes = 10 * 1024 * 1024;

/** Writes a document path the way people read it: `items[3].owner`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text || '(document)';
}

function invalid(issues: ConfigurationIssue[]): AppError {
  return appError('validation_failed', phrase('configuration.fileInvalid'), issues);
}

/**
 * Parses and validates a configuration file. Safe on hostile input: the size is capped before parsing,
 * aliases and merge keys are refused (no entity expansion), unknown tags and duplicate keys are errors,
 * and the whole document must match the strict schema. Throws `validation_failed` with every issue.
 */
export function parseConfigurationYaml(
  source: string | Buffer,
  limitBytes = defaultConfigurationLimitBytes,
): ConfigurationDocument {
  return parseConfigurationFile(source, limitBytes).document;
}

/** A parsed file, and where in it a path such as `items[3].owner` is (for problems found later). */
export interface ParsedConfiguration {
  document: ConfigurationDocument;
  lineOf(path: string): number | null;
}

/** Like `parseConfigurationYaml`, keeping the line numbers for problems the planner finds later. */
export function parseConfigurationFile(
  source: string | Buffer,
  limitBytes = defaultConfigurationLimitBytes,
): ParsedConfiguration {
  const size = typeof source === 'string' ? Buffer.byteLength(source) : source.length;
  if (size > limitBytes) {
    throw appError('payload_too_large', phrase('configuration.fileTooLarge', { size, limit: limitBytes }));
  }
  const text = typeof source === 'string' ? source : source.toString('utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    lineCounter,
  });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? null : lineCounter.linePos(offset).line;
  const issues: ConfigurationIssue[] = [...doc.errors, ...doc.warnings].map((problem) => ({
    path: '(yaml)',
    line: lineAt(problem.pos[0]),
    message: problem.message.split('\n')[0] ?? problem.message,
  }));
  visit(doc, {
    Alias(_key, node) {
      issues.push({
        path: '(yaml)',
        line: lineAt(node.range?.[0]),
        message: `aliases are not allowed (*${node.source})`,
      });
    },
  });
  if (issues.length > 0) throw invalid(issues);

  const value: unknown = doc.toJS({ maxAliasCount: 0 });
  const parsed = ConfigurationDocument.safeParse(value);
  if (parsed.success) {
    return { document: parsed.data, lineOf: (path) => lineAt(nodeAt(doc, parsePath(path))) };
  }
  throw invalid(
    parsed.error.issues.flatMap((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
      return keys.map((key) => {
        const path = key === null ? issue.path : [...issue.path, key];
        return {
          path: formatPath(path),
          line: lineAt(nodeAt(doc, path)),
          message: key === null ? issue.message : 'unknown field',
        };
      });
    }),
  );
}

/** Reads back a path written by `formatPath`: `items[3].owner` → ['items', 3, 'owner']. */
export function parsePath(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] === undefined ? (match[1] as string) : Number(match[2]),
  );
}

/** Start offset of the node at a path (or of its nearest existing parent). */
function nodeAt(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): number | undefined {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length) as (string | number)[], true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

/** Lists that read best on one line: `tags: [a, b]`, `locations: [local]`. */
const flowScalarLists = new Set(['tags', 'locations', 'expectedStatus', 'expectedValues']);
/** Lists whose entries read best on one line each: `- { source: A, kind: runsOn, target: B }`. */
const flowEntryLists = new Set(['relations', 'members']);

/** Writes a document as YAML: no anchors or aliases (apply refuses them), no line folding. */
export function stringifyConfiguration(
  document: z.input<typeof ConfigurationDocument>,
  header?: string,
): string {
  const doc = new Document(document, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || !isSeq(pair.value)) return;
      const key = String(pair.key.value);
      if (flowScalarLists.has(key)) pair.value.flow = true;
      else if (flowEntryLists.has(key))
        for (const entry of pair.value.items) if (isMap(entry)) entry.flow = true;
    },
  });
  const body = doc.toString({ lineWidth: 0, indentSeq: true });
  return header ? `${header.replace(/^/gm, '# ')}\n${body}` : body;
}

/** One line per issue, for a terminal. */
export function formatIssues(issues: ConfigurationIssue[]): string {
  return issues
    .map((issue) => `  ${issue.line === null ? '' : `line ${issue.line}: `}${issue.path}: ${issue.message}`)
    .join('\n');
}
