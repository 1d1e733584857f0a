import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue } from 'axe-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const BLOCKING: ImpactValue[] = ['serious', 'critical'];

export interface Violation {
  rule: string;
  impact: ImpactValue | undefined;
  help: string;
  /** The elements at fault, as axe's selectors (a shadow root's elements as a path through it). */
  targets: string[];
}

/**
 * axe-core's serious and critical findings on the page as it is now, shadow roots included. The
 * script goes in through the DevTools protocol rather than a <script> tag: the pages' own
 * nonce-based CSP would refuse a tag it did not issue, and it should stay as strict under test.
 */
export const seriousViolations = async (page: Page): Promise<Violation[]> => {
  // Expressions rather than functions: the tests are compiled without the DOM's types.
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(axeSource);
  const results = (await page.evaluate('axe.run(document)')) as AxeResults;
  return results.violations
    .filter((v) => v.impact && BLOCKING.includes(v.impact))
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.flat().join(' >> ')),
    }));
};

/** Fails with every finding listed, labelled with the state the page was in (`widget answers, phone`). */
export const expectNoSeriousViolations = async (page: Page, label: string): Promise<void> => {
  expect(await seriousViolations(page), `axe-core on ${label}`).toEqual([]);
};
