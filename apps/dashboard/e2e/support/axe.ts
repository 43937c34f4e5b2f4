// Accessibility checks with axe-core, injected into the page as a script (the @axe-core/playwright
// wrapper needs Node ≥ 22.12 from 4.14 on; the engine itself is the same). The evaluation runs
// through the DevTools protocol, so the page's Content-Security-Policy does not block it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0/2.1 A and AA plus axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

let axeSource: Promise<string> | undefined;

function loadAxe(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeFinding {
  id: string;
  impact: ImpactValue | null | undefined;
  help: string;
  /** CSS selectors of the offending elements (the first few). */
  targets: string[];
}

/** The serious and critical violations on the page as it is now. */
export async function blockingViolations(page: Page): Promise<AxeFinding[]> {
  const source = await loadAxe();
  // Idempotent: axe-core defines window.axe once; a second evaluation redefines it harmlessly.
  await page.evaluate(source);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  return results.violations
    .filter((v) => v.impact !== undefined && v.impact !== null && BLOCKING.includes(v.impact))
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
