import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './harness';

// The page's CSP forbids inline scripts, and `addScriptTag` inserts axe as one: evaluating its
// source through the DevTools protocol is not subject to the CSP.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeRules = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** What a person relying on assistive technology cannot get past; `moderate` and `minor` are printed only. */
const blockingImpacts = ['serious', 'critical'];
/** Moderate rules fixed across the app and held there: one h1 per page, headings in order, one banner. */
const heldRules = ['page-has-heading-one', 'heading-order', 'landmark-no-duplicate-banner'];
const isBlocking = (violation: AxeViolation) =>
  blockingImpacts.includes(violation.impact ?? '') || heldRules.includes(violation.id);

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
};

/** The first reason axe gives for a failing node ("Element has insufficient color contrast of 3.5 ..."). */
function reasonOf(node: { failureSummary?: string }): string {
  return node.failureSummary?.split('\n')[1]?.trim() ?? '';
}

/**
 * Runs axe on the page as it stands, saves a screenshot named `accessibility-<name>`, prints the
 * other moderate and minor violations, and returns the blocking ones, described readably.
 */
export async function scan(page: Page, name: string): Promise<string[]> {
  // Let queries settle: nothing is loading any more.
  await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(300);
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async (runOnly) =>
      (
        await (
          window as unknown as {
            axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> };
          }
        ).axe.run(document, { runOnly, resultTypes: ['violations'] })
      ).violations.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        nodes: nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })),
      })),
    axeRules,
  );
  await screenshot(page, `accessibility-${name}`);
  const describe = (violation: AxeViolation) =>
    `${name}: [${violation.impact}] ${violation.id}: ${violation.help}\n${violation.nodes
      .slice(0, 6)
      .map((node) => `    ${node.target.join(' ')}  ${node.html.slice(0, 90)}\n      ${reasonOf(node)}`)
      .join('\n')}`;
  const minor = violations.filter((violation) => !isBlocking(violation));
  if (minor.length > 0) console.info(minor.map(describe).join('\n'));
  const blocking = violations.filter(isBlocking).map(describe);
  if (blocking.length > 0) console.error(blocking.join('\n'));
  return blocking;
}
