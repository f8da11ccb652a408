import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUDGETS_KB, GOALS_KB, KB, type EntrypointKind } from './budgets';
import type { ContentScriptCost } from './content-script';
import { libraryIndexMarkdown, type LibraryIndexResults } from './library-index';
import type { ReferenceSizes } from './reference/sizes';
import type { UnwatchedRequests, WatchedRequests } from './requests';
import type { BudgetCheck } from './sizes';
import type { Summary } from './stats';
import type { ApprovalSummary } from './timings';

export interface EntrypointResult {
  name: string;
  kind: EntrypointKind;
  bytes: number;
  gzip: number;
  budgetKb: number;
  ok: boolean;
  files: { path: string; bytes: number; gzip: number }[];
}

export interface BenchResults {
  generatedAt: string;
  machine: { cpu: string; cores: number; node: string; chromium: string };
  sizes: { gzipLevel: number; budgetsKb: typeof BUDGETS_KB; chrome: EntrypointResult[]; firefox: EntrypointResult[] };
  reference: ReferenceSizes & { signsIn: { plexjs: boolean; ownClient: boolean } };
  popupFirstPaintMs: { signedOut: Summary; signedIn: Summary };
  approvalToSignedInMs: {
    popupOpen: ApprovalSummary;
    popupClosed: ApprovalSummary;
    tabClosedAfterApproval: ApprovalSummary;
    withTab: ApprovalSummary;
  };
  requests: { watched: WatchedRequests; unwatched: UnwatchedRequests };
  contentScript: { titlePage: ContentScriptCost; homePage: ContentScriptCost; injected: { name: string; bytes: number; gzip: number }[] };
  /** A list page scrolled through, every item marked, and the home page scrolled the same way (bench/list-marks.ts). */
  listMarks: { items: number; list: ContentScriptCost; noList: ContentScriptCost };
}

/** The list marks' goal: main-thread work per 100 items, script and style and layout (issue 14). */
export const LIST_MARKS_GOAL_MS = 16;

export const entrypointResults = (checks: BudgetCheck[]): EntrypointResult[] =>
  checks.map(({ entry, budgetKb, ok }) => ({
    name: entry.name,
    kind: entry.kind,
    bytes: entry.bytes,
    gzip: entry.gzip,
    budgetKb,
    ok,
    files: entry.files,
  }));

const goalOf = (kind: EntrypointKind) => GOALS_KB[kind];
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const range = (summary: Summary) => `${ms(summary.min)}–${ms(summary.max)}`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

export function markdown(r: BenchResults, index?: LibraryIndexResults): string {
  const chrome = r.sizes.chrome;
  const firefox = new Map(r.sizes.firefox.map((e) => [e.name, e]));
  const label = (name: string, kind: string) =>
    kind === 'popup' ? 'Popup (JS + CSS)' : kind === 'background' ? 'Background' : `Content script \`${name}\``;
  const own = r.reference.ownClient.gzip;
  const background = chrome.find((e) => e.kind === 'background')!;
  const a = r.approvalToSignedInMs;
  const u = r.requests.unwatched;
  const w = r.requests.watched;
  const title = r.contentScript.titlePage;
  const home = r.contentScript.homePage;
  const runs = (s: Summary) => s.runs.length;
  const untilPoll = (s: ApprovalSummary) => (s.untilPoll ? ms(s.untilPoll.median) : '— (the closed tab triggers it)');
  return `# Speed and size

Measured by \`npm run bench\` on ${r.generatedAt.slice(0, 10)}: ${r.machine.cpu} (${r.machine.cores} cores, shared), Node ${r.machine.node},
${r.machine.chromium} (headless), the extension built with every Plex host pointed at the fake Plex on 127.0.0.1.
Timings are medians of repeated runs, with the fastest and slowest; sizes are gzip (level ${r.sizes.gzipLevel}), KB = 1000 bytes,
of the production build. The raw numbers, every run included, are in [results.json](results.json).

![Gzip sizes of each entrypoint against its budget, and of a minimal PIN sign-in on the Plex SDK and on this extension's client](sizes.svg)

## Size of each entrypoint (production build, gzip)

Budgets and goals live in [budgets.ts](budgets.ts), with the reason for each; \`npm test\` fails when a budget is exceeded.

| Entrypoint | Chrome | Firefox | Budget | | Goal | |
| --- | ---: | ---: | ---: | --- | ---: | --- |
${chrome.map((e) => `| ${label(e.name, e.kind)} | ${kb(e.gzip)} | ${kb(firefox.get(e.name)?.gzip ?? NaN)} | ${e.budgetKb} KB | ${e.ok && firefox.get(e.name)?.ok ? 'within' : '**over**'} | ${goalOf(e.kind)} KB | ${Math.max(e.gzip, firefox.get(e.name)?.gzip ?? Infinity) <= goalOf(e.kind) * KB ? 'met' : '**not met**'} |`).join('\n')}

Content scripts hold neither zod nor a QR encoder (checked on every build).

## Against the generated Plex SDK

The same minimal PIN sign-in (create a PIN, poll until it has a token, no UI), bundled by WXT exactly as the
extension's entrypoints are, and checked to sign in against the fake Plex: on \`@lukehagar/plexjs\` ${r.reference.plexjsVersion}
(\`getPin\`, \`getTokenByPinId\`) and on this extension's own client (\`src/plex\`).

| Bundle | gzip | minified | vs. this extension's client |
| --- | ---: | ---: | ---: |
| plexjs, standalone functions + \`PlexAPICore\` as its docs recommend (CommonJS) | ${kb(r.reference.plexjs.gzip)} | ${kb(r.reference.plexjs.bytes)} | ${ratio(r.reference.plexjs.gzip, own)} |
| plexjs, bundled from its TypeScript sources (ES modules, tree-shaken: its best case) | ${kb(r.reference.plexjsFromSource.gzip)} | ${kb(r.reference.plexjsFromSource.bytes)} | ${ratio(r.reference.plexjsFromSource.gzip, own)} |
| This extension's client (\`src/plex\`: identity headers, error taxonomy, zod/mini schemas) | ${kb(own)} | ${kb(r.reference.ownClient.bytes)} | 1× |
| This extension's whole background (sign-in, servers, titles, watchlist, storage) | ${kb(background.gzip)} | ${kb(background.bytes)} | ${ratio(background.gzip, own)} |

## Popup first paint

From the popup's navigation to its first view painted (\`popup.html\` opened as a tab, ${runs(r.popupFirstPaintMs.signedOut)} runs each).

| Popup | Median | Range |
| --- | ---: | ---: |
| Signed out (the sign-in buttons) | ${ms(r.popupFirstPaintMs.signedOut.median)} | ${range(r.popupFirstPaintMs.signedOut)} |
| Signed in (account and servers) | ${ms(r.popupFirstPaintMs.signedIn.median)} | ${range(r.popupFirstPaintMs.signedIn)} |

## Approval to signed in

From the moment the fake Plex approves the PIN; approvals land at evenly spread points of the 1 s poll
interval (${runs(a.popupOpen.total)} runs each). Target: at most one poll interval plus one round trip.

| Case | Median | Range | Waiting for the next poll (median) |
| --- | ---: | ---: | ---: |
| Code, popup open → account painted in the popup | ${ms(a.popupOpen.total.median)} | ${range(a.popupOpen.total)} | ${untilPoll(a.popupOpen)} |
| Code, popup closed → token stored | ${ms(a.popupClosed.total.median)} | ${range(a.popupClosed.total)} | ${untilPoll(a.popupClosed)} |
| "Sign in with Plex", Plex tab closed right after approving → token stored | ${ms(a.tabClosedAfterApproval.total.median)} | ${range(a.tabClosedAfterApproval.total)} | ${untilPoll(a.tabClosedAfterApproval)} |
| "Sign in with Plex", the Plex page goes to its forward address → signed in, tab closed (goal ≤ 300 ms) | ${ms(a.withTab.total.median)} | ${range(a.withTab.total)} | — (the page leaving the auth page triggers it) |
| Code, popup closed for over 2 minutes → token stored (one run) | ${ms(u.approvalToStoredMs)} | — | up to one 30 s alarm |

## Requests to plex.tv while waiting

Counted by the fake Plex in real time: polls of the PIN (\`GET /api/v2/pins/{id}\`).

| While | Requests per minute |
| --- | ---: |
| Watched: the popup shows the code (${w.windowMs / 1000} s) | ${w.watchedPerMinute} |
| Unwatched: the first ${u.graceMs / 60_000} minutes after the popup closed | ${u.gracePerMinute} |
| Unwatched: after that (${u.windowMs / 1000} s; gaps ${u.gapsMs.map((g) => `${(g / 1000).toFixed(1)} s`).join(', ')}) | ${u.unwatchedPerMinute} |
| After the token arrived, popup open (${w.quietMs / 1000} s) | ${w.afterSignIn} requests |
| After the token arrived by alarm, popup closed (${u.quietMs / 1000} s) | ${u.afterSignIn} requests |
| After Cancel (${w.quietMs / 1000} s) | ${w.afterCancel} requests |

Alarms left after signing in: ${[...new Set([...w.alarmsAfter, ...u.alarmsAfter])].map((n) => `\`${n}\``).join(', ') || 'none'} (the sign-in's poll alarm is gone).

## Content-script cost

A fixture IMDb page over HTTPS at its real name, in Chromium with the extension (signed in, the badge showing
"on Plex") and without it; the renderer's main-thread counters (CDP \`Performance.getMetrics\`) ${title.withExtension.scriptMs.runs.length} loads each,
read ${title.settleMs / 1000} s after navigation began; medians with the extension minus medians without.

| Added by the extension | Title page (badge) | Home page (script runs, no badge) |
| --- | ---: | ---: |
| Script | ${ms(title.added.scriptMs)} | ${ms(home.added.scriptMs)} |
| All main-thread tasks | ${ms(title.added.taskMs)} | ${ms(home.added.taskMs)} |
| Style and layout | ${ms(title.added.layoutAndStyleMs)} | ${ms(home.added.layoutAndStyleMs)} |
| JS heap | ${kb(title.added.heapBytes)} | ${kb(home.added.heapBytes)} |

Bytes injected per page: ${r.contentScript.injected.map((c) => `\`${c.name}\` ${kb(c.bytes)} (${kb(c.gzip)} gzip)`).join(', ')}.
${index ? libraryIndexMarkdown(index) : ''}
## List marks

${listMarks(r.listMarks)}
`;
}

function listMarks(m: BenchResults['listMarks']): string {
  const per100 = (value: number) => (value * 100) / m.items;
  // Tenths: the figures are a few milliseconds.
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const work = (c: ContentScriptCost) => c.added.scriptMs + c.added.layoutAndStyleMs;
  const marks = per100(work(m.list) - work(m.noList));
  const row = (name: string, key: 'scriptMs' | 'layoutAndStyleMs' | 'taskMs') =>
    `| ${name} | ${ms(m.list.added[key])} | ${ms(m.noList.added[key])} | ${ms(per100(m.list.added[key] - m.noList.added[key]))} |`;
  return `A fixture IMDb chart of ${m.items} rows, every title on a (fake) server, scrolled from top to bottom a screen at a time, and
the IMDb home page scrolled the same way (the same content script starts there and marks nothing); counters read
${m.list.settleMs / 1000} s after navigation began, on the chart once the last row's mark was there; ${m.list.withExtension.scriptMs.runs.length} loads each, medians with
the extension minus medians without.

| Added by the extension | Chart, ${m.items} marks | Home page, no list | The marks, per 100 items |
| --- | ---: | ---: | ---: |
${row('Script', 'scriptMs')}
${row('Style and layout', 'layoutAndStyleMs')}
${row('All main-thread tasks', 'taskMs')}

The marks' main-thread work (script, style and layout) per 100 items: **${ms(marks)}** (goal ${LIST_MARKS_GOAL_MS} ms, ${marks <= LIST_MARKS_GOAL_MS ? 'within' : 'over'});
with the script's own start, ${ms(per100(work(m.list)))}.`;
}

/** Horizontal bars: the entrypoints against their budgets, and the reference sign-ins. */
export function chart(r: BenchResults): string {
  const width = 720;
  const left = 300;
  const barWidth = width - left - 90;
  const row = 26;
  const rows: string[] = [];
  let y = 40;
  const text = (x: number, at: number, content: string, anchor = 'start', weight = 'normal') =>
    `<text x="${x}" y="${at}" text-anchor="${anchor}" font-weight="${weight}">${content}</text>`;
  const panel = (heading: string, items: { label: string; value: number; budget?: number; colour: string }[], max: number) => {
    rows.push(text(10, y, heading, 'start', 'bold'));
    y += 12;
    for (const item of items) {
      const w = Math.max(1, (item.value / max) * barWidth);
      const budgetX = item.budget ? left + (item.budget / max) * barWidth : 0;
      rows.push(text(left - 8, y + 14, item.label, 'end'));
      rows.push(`<rect x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="16" fill="${item.colour}"/>`);
      rows.push(text(Math.round(Math.max(left + w, budgetX) + 6), y + 15, kb(item.value)));
      if (item.budget) {
        rows.push(
          `<line x1="${budgetX.toFixed(1)}" x2="${budgetX.toFixed(1)}" y1="${y}" y2="${y + 22}" stroke="#c62828" stroke-width="2"/>`,
        );
      }
      y += row;
    }
    y += 22;
  };
  const entries = r.sizes.chrome;
  panel(
    'Entrypoints, gzip (red line: budget)',
    entries.map((e) => ({
      label: e.kind === 'content-script' ? `content script ${e.name}` : e.name,
      value: e.gzip,
      budget: e.budgetKb * KB,
      colour: '#e5a00d',
    })),
    Math.max(...entries.map((e) => Math.max(e.gzip, e.budgetKb * KB))) * 1.05,
  );
  const refs = [
    { label: 'sign-in on this extension\u2019s client', value: r.reference.ownClient.gzip, colour: '#e5a00d' },
    { label: 'sign-in on plexjs, from its sources', value: r.reference.plexjsFromSource.gzip, colour: '#7b8794' },
    { label: 'sign-in on plexjs, as documented', value: r.reference.plexjs.gzip, colour: '#7b8794' },
  ];
  panel('Minimal PIN sign-in, gzip, same WXT build', refs, Math.max(...refs.map((e) => e.value)) * 1.05);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="system-ui, sans-serif" font-size="13" fill="#1f1f1f">
<rect width="100%" height="100%" fill="#fff"/>
${rows.join('\n')}
</svg>
`;
}

export async function writeResults(dir: string, results: BenchResults): Promise<string> {
  // The library index's figures come from their own bench file; its last run is kept in the report.
  const index = await readFile(join(dir, 'library-index.json'), 'utf8').then(
    (text) => JSON.parse(text) as LibraryIndexResults,
    () => undefined,
  );
  const table = markdown(results, index);
  await writeFile(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(dir, 'results.md'), table);
  await writeFile(join(dir, 'sizes.svg'), chart(results));
  return table;
}
