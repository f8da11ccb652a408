import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PageHandle } from './browser';

/** The rules run: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];
/** What fails a test; the rest is printed, not failed. */
const BLOCKING = new Set(['serious', 'critical']);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

export interface AxeReport {
  violations: AxeViolation[];
  /** How many rules passed on at least one element. */
  passed: number;
  /** Rules axe could not decide on some element (e.g. contrast over an image): for a person to review. */
  incomplete: string[];
  /** Elements axe looked at inside shadow roots (a target with a shadow path), among the passes' first nodes. */
  shadowNodes: number;
}

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

/** The page-side run: needs `axe` in the page's global scope. Self-contained (sent as source). */
async function runInPage({ include, tags }: { include: string | null; tags: string[] }): Promise<AxeReport> {
  const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
  const context = include === null ? document : { include: [include] };
  const results = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  // A target is a selector, or a list of selectors through shadow roots (host, then inside).
  const targetText = (target: unknown): string => (Array.isArray(target) ? target.map(targetText).join(' >> ') : String(target));
  return {
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(targetText).join(' >> '), html: n.html, summary: n.failureSummary ?? '' })),
    })),
    passed: results.passes.length,
    incomplete: results.incomplete.map((r) => `${r.id} at ${r.nodes.map((n) => n.target.map(targetText).join(' >> ')).join(', ')}`),
    shadowNodes: results.passes.flatMap((p) => p.nodes).filter((n) => n.target.some((t) => Array.isArray(t))).length,
  };
}

/** Injected by the driver's evaluation, as an extension page's CSP forbids <script> and eval; `include` leaves the fixture's markup out. */
export async function runAxe(page: PageHandle, { include }: { include?: string } = {}): Promise<AxeReport> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) {
    axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluateScript(`${await axeSource};\ntypeof axe`);
  }
  return page.evaluate(runInPage, { include: include ?? null, tags: AXE_TAGS });
}

function describeViolation(v: AxeViolation): string {
  const nodes = v.nodes.map((n) => `    at ${n.target}\n      ${n.html.slice(0, 200)}\n      ${n.summary.replace(/\n\s*/g, ' ')}`);
  return `  - ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
}

/** Serious and critical violations fail the test; the lesser ones are only printed. */
export function expectNoSeriousViolations(report: AxeReport, where: string): void {
  const blocking = report.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const other = report.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (other.length > 0)
    console.info(`axe, ${where}: ${other.length} minor/moderate finding(s):\n${other.map(describeViolation).join('\n')}`);
  if (report.incomplete.length > 0) console.info(`axe, ${where}: to review by eye: ${report.incomplete.join('; ')}`);
  if (report.passed === 0) throw new Error(`axe, ${where}: no rule passed anywhere, so nothing was checked`);
  if (blocking.length > 0) {
    throw new Error(`axe, ${where}: ${blocking.length} serious/critical violation(s):\n${blocking.map(describeViolation).join('\n')}`);
  }
}
