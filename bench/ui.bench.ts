/**
 * UI benchmark: the built renderer in Debian's Chromium, through the loopback harness
 * (tests/e2e/harness/server.ts) on a vault holding the 1,000-client synthetic practice.
 * Measured in the page: submitting the unlock form until the client list is painted with
 * rows, opening a 200-session dossier until its overview is painted, and the last
 * keystroke of a search until the results are painted; plus the renderer bundle's size.
 * Where the time goes comes from one Chrome trace per measurement and the page's
 * Resource Timing of the API calls. Prints a table; not a test.
 *
 * "Painted" is the end of the first frame after the DOM holds the expected state: a
 * MutationObserver sees the state, then a requestAnimationFrame callback plus a
 * MessageChannel task stamp the moment that frame's style, layout and paint are done.
 * The API goes over loopback HTTP and JSON here, where Electron uses IPC.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import { createKluisClient } from '../electron/client';
import { createDispatcher } from '../electron/dispatcher';
import { VaultSession } from '../electron/services/vault-session';
import { CHROMIUM_LAUNCH } from '../tests/e2e/chromium';
import { RENDERER_DIR, startHarness } from '../tests/e2e/harness/server';
import { LIST_QUERIES, SEARCH_QUERIES } from './dossier.bench';
import {
  BUSIEST_SESSIONS,
  type GeneratedPractice,
  generatePractice,
  PRACTICE_NOW,
} from './practice-generator';
import { median, percentile, printTable } from './table';

export const PASSPHRASE = 'bench paarse olifant danst op het dak';
export const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } } as const;

const VIEWPORT = { width: 1280, height: 800 };
/** ClientList.tsx: SEARCH_DELAY_MS. */
const SEARCH_DEBOUNCE_MS = 150;
/** Between keystrokes: below the debounce, so only the full query is searched. */
const TYPING_DELAY_MS = 50;

const TARGET = { unlockMs: 300, dossierMs: 150, searchMs: 100 } as const;

// ---------------------------------------------------------------------------------------
// The practice vault, generated once per process and shared with the backup bench
// ---------------------------------------------------------------------------------------

export interface PracticeVaultOptions {
  clients?: number;
  sessions?: number;
  attachments?: number;
  seed?: number;
}

export interface PracticeVault {
  /** The vault folder (vault.db and the key file), locked. */
  readonly dir: string;
  readonly root: string;
  readonly passphrase: string;
  readonly practice: GeneratedPractice;
  readonly generationMs: number;
  readonly options: Required<PracticeVaultOptions>;
  /** The bench that asked first, and waited for the generation. */
  readonly madeFor: string;
}

const practices = new Map<string, Promise<PracticeVault>>();

async function generateVault(
  options: Required<PracticeVaultOptions>,
  madeFor: string,
): Promise<PracticeVault> {
  const root = mkdtempSync(join(tmpdir(), 'kluis-bench-practice-'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'vault');
  const session = new VaultSession(dir, FAST);
  const dispatch = createDispatcher(session, { now: () => PRACTICE_NOW });
  const kluis = createKluisClient((method, input) => dispatch(method, input));
  await kluis.vault.create({ passphrase: PASSPHRASE });
  const started = performance.now();
  const practice = generatePractice(session.db, { ...options, now: PRACTICE_NOW });
  const generationMs = performance.now() - started;
  // Locking checkpoints the WAL into vault.db, as quitting the app does.
  await kluis.vault.lock({});
  return { dir, root, passphrase: PASSPHRASE, practice, generationMs, options, madeFor };
}

/**
 * A locked vault with the synthetic practice (FAST scrypt), made on first use and reused
 * by every bench of this process that asks for the same options; removed at exit.
 */
export function practiceVault(
  bench: string,
  options: PracticeVaultOptions = {},
): Promise<PracticeVault> {
  const full: Required<PracticeVaultOptions> = {
    clients: options.clients ?? 1_000,
    sessions: options.sessions ?? 50_000,
    attachments: options.attachments ?? 300,
    seed: options.seed ?? 20261123,
  };
  const key = JSON.stringify(full);
  let made = practices.get(key);
  if (!made) {
    made = generateVault(full, bench);
    practices.set(key, made);
  }
  return made;
}

/** "1,000 clients, 50,000 sessions, 300 attachments; generated in 58.1 s". */
export function describePractice(vault: PracticeVault, bench: string): string {
  const p = vault.practice;
  return (
    `${vault.options.clients.toLocaleString('en')} clients, ${p.sessions.toLocaleString('en')} sessions, ` +
    `${p.attachments} attachments; generated in ${(vault.generationMs / 1000).toFixed(1)} s` +
    (vault.madeFor === bench ? '' : ` for the ${vault.madeFor} bench earlier in this run`)
  );
}

// ---------------------------------------------------------------------------------------
// The in-page probe
// ---------------------------------------------------------------------------------------

interface Painted {
  /** performance.now() when the DOM first held the expected state. */
  domAt: number;
  /** The end of the first frame after that. */
  paintAt: number;
}

interface ApiCall {
  method: string;
  /** ms after the measurement's start. */
  start: number;
  end: number;
  bytes: number;
}

interface SearchExpectation {
  countText: string;
  firstClientId: string | null;
  firstSessionId: string | null;
  noneText: string;
}

interface ProbeApi {
  reset(): void;
  arm(kind: 'clientRows' | 'dossier' | 'search', params: unknown, timeoutMs: number): boolean;
  result(): Promise<Painted>;
  marks(): { submits: number[]; keydowns: number[] };
  navigate(hash: string): number;
  api(from: number, to: number): ApiCall[];
  expectSearch(query: string): Promise<SearchExpectation>;
}
type ProbeWindow = { __kb: ProbeApi };

/**
 * Plain JavaScript, added with addInitScript (outside the page's CSP, which forbids
 * eval): Playwright would otherwise serialize functions that tsx has wrapped in helpers.
 */
const PROBE = `(() => {
  const marks = { submits: [], keydowns: [] };
  addEventListener('submit', () => {
    marks.submits.push(performance.now());
    console.timeStamp('kb-start');
  }, true);
  addEventListener('keydown', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.closest('.search-field')) {
      marks.keydowns.push(performance.now());
      console.timeStamp('kb-start');
    }
  }, true);
  performance.setResourceTimingBufferSize(100000);
  const LIST = 'ul[aria-label="Cliëntenlijst"]';
  const conditions = {
    clientRows: () => document.querySelectorAll(LIST + ' > li.client-row').length > 0,
    dossier: (p) =>
      location.hash.includes(p.id) &&
      document.querySelector('.dossier-header__pseudonym') !== null &&
      document.querySelector('[role="tabpanel"] ul.duties > li') !== null &&
      document.querySelector('[role="tabpanel"] form') !== null,
    search: (p) => {
      const status = document.querySelector('p.result-count');
      if (!status || status.textContent.trim() !== p.countText) return false;
      if (p.firstClientId) {
        const first = document.querySelector(LIST + ' > li[data-index="0"] a');
        if (!first || !first.getAttribute('href').includes(p.firstClientId)) return false;
      }
      const hits = document.querySelector('.search-hits');
      if (!hits) return false;
      const firstHit = hits.querySelector('a.search-hit');
      if (p.firstSessionId) return firstHit !== null && firstHit.getAttribute('href').includes(p.firstSessionId);
      return firstHit === null && hits.textContent.includes(p.noneText);
    },
  };
  let pending = null;
  window.__kb = {
    reset() {
      marks.submits.length = 0;
      marks.keydowns.length = 0;
      performance.clearResourceTimings();
    },
    arm(kind, params, timeoutMs) {
      const check = () => conditions[kind](params);
      pending = new Promise((resolve, reject) => {
        const observer = new MutationObserver(() => {
          if (!check()) return;
          const domAt = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              const paintAt = performance.now();
              console.timeStamp('kb-end');
              resolve({ domAt, paintAt });
            };
            channel.port2.postMessage(null);
          });
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error('timed out waiting for ' + kind + ' ' + JSON.stringify(params)));
        }, timeoutMs);
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      pending.catch(() => {});
      return true;
    },
    result() {
      const result = pending;
      pending = null;
      return result;
    },
    marks() {
      return { submits: [...marks.submits], keydowns: [...marks.keydowns] };
    },
    navigate(hash) {
      const started = performance.now();
      console.timeStamp('kb-start');
      location.hash = hash;
      return started;
    },
    api(from, to) {
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/') && !e.name.endsWith('/api/events') && e.startTime >= from && e.startTime <= to)
        .map((e) => ({
          method: decodeURIComponent(e.name.slice(e.name.indexOf('/api/') + 5)),
          start: e.startTime - from,
          end: e.responseEnd - from,
          bytes: e.encodedBodySize,
        }));
    },
    async expectSearch(query) {
      const clients = await window.kluis.clients.list({ query });
      const hits = await window.kluis.sessions.search({ query, limit: 20 });
      return {
        countText: clients.length === 1 ? '1 cliënt' : clients.length + ' cliënten',
        firstClientId: clients[0] ? clients[0].id : null,
        firstSessionId: hits[0] ? hits[0].sessionId : null,
        noneText: 'Geen sessienotities gevonden.',
      };
    },
  };
})();`;

async function arm(
  page: Page,
  kind: 'clientRows' | 'dossier' | 'search',
  params: unknown = {},
  timeoutMs = 30_000,
): Promise<void> {
  await page.evaluate(
    (a) => (globalThis as unknown as ProbeWindow).__kb.arm(a.kind, a.params, a.timeoutMs),
    { kind, params, timeoutMs },
  );
}

function painted(page: Page): Promise<Painted> {
  return page.evaluate(() => (globalThis as unknown as ProbeWindow).__kb.result());
}

function resetProbe(page: Page): Promise<void> {
  return page.evaluate(() => (globalThis as unknown as ProbeWindow).__kb.reset());
}

function pageMarks(page: Page): Promise<{ submits: number[]; keydowns: number[] }> {
  return page.evaluate(() => (globalThis as unknown as ProbeWindow).__kb.marks());
}

function apiCalls(page: Page, from: number, to: number): Promise<ApiCall[]> {
  return page.evaluate((a) => (globalThis as unknown as ProbeWindow).__kb.api(a.from, a.to), {
    from,
    to,
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------
// Chrome trace: where the main thread's time went between two console.timeStamp marks
// ---------------------------------------------------------------------------------------

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { message?: string } };
}

export interface TraceBreakdown {
  windowMs: number;
  busyMs: number;
  byKind: Record<'script' | 'gc' | 'style+layout' | 'paint' | 'other', number>;
  top: { name: string; ms: number }[];
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8.execute',
  'v8',
  'blink.user_timing',
];

function kindOf(name: string): keyof TraceBreakdown['byKind'] {
  if (/GC|Sweep|Mark|Scavenge|BlinkGC|CppGC/.test(name)) return 'gc';
  if (
    /^(UpdateLayoutTree|Layout|RecalculateStyles|HitTest|ScheduleStyle|InvalidateLayout|IntersectionObserver|ComputeIntersections|LayoutShift)/.test(
      name,
    )
  )
    return 'style+layout';
  if (
    /^(Paint|PrePaint|Layerize|UpdateLayer|CompositeLayers|Commit|PaintImage|Decode|Rasterize|UpdateLayerTree|ScrollLayer)/.test(
      name,
    )
  )
    return 'paint';
  if (
    /^(FunctionCall|EvaluateScript|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|v8|V8|XHR|HandlePostMessage|Compile|Evaluate|ParseHTML|ResourceReceivedData|ResourceFinish|ResourceReceiveResponse|ResourceSendRequest|ParseAuthorStyleSheet|DoParse|JSSample|ProfileCall)/.test(
      name,
    )
  )
    return 'script';
  return 'other';
}

/** Self times of the renderer main thread's events between the last kb-start and kb-end. */
function traceBreakdown(trace: Buffer): TraceBreakdown | null {
  const parsed = JSON.parse(trace.toString('utf8')) as
    | { traceEvents?: TraceEvent[] }
    | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const stamps = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message);
  const end = stamps.filter((e) => e.args?.data?.message === 'kb-end').at(-1);
  if (!end) return null;
  const start = stamps
    .filter((e) => e.args?.data?.message === 'kb-start' && e.ts <= end.ts && e.pid === end.pid)
    .at(-1);
  if (!start) return null;
  const own = events
    .filter(
      (e) =>
        e.pid === end.pid &&
        e.tid === end.tid &&
        e.ph === 'X' &&
        e.dur !== undefined &&
        e.ts >= start.ts &&
        e.ts < end.ts,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  let busy = 0;
  for (const e of own) {
    const dur = e.dur ?? 0;
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= e.ts) stack.pop();
    const parent = stack.at(-1);
    self.set(e.name, (self.get(e.name) ?? 0) + dur);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - dur);
    else busy += dur;
    stack.push({ end: e.ts + dur, name: e.name });
  }
  const byKind: TraceBreakdown['byKind'] = {
    script: 0,
    gc: 0,
    'style+layout': 0,
    paint: 0,
    other: 0,
  };
  for (const [name, us] of self) byKind[kindOf(name)] += us / 1000;
  return {
    windowMs: (end.ts - start.ts) / 1000,
    busyMs: busy / 1000,
    byKind,
    top: [...self]
      .map(([name, us]) => ({ name, ms: us / 1000 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 6),
  };
}

async function traced<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
): Promise<{ value: T; trace: TraceBreakdown | null }> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let value: T;
  try {
    value = await work();
  } catch (error) {
    // Stopped even then, or the next startTracing refuses.
    await browser.stopTracing();
    throw error;
  }
  return { value, trace: traceBreakdown(await browser.stopTracing()) };
}

// ---------------------------------------------------------------------------------------
// The three journeys
// ---------------------------------------------------------------------------------------

interface Sample {
  ms: number;
  domMs: number;
  api: ApiCall[];
}

async function unlockScreen(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Kluis ontgrendelen' }).waitFor();
}

async function lockUi(page: Page): Promise<void> {
  await page.keyboard.press('Control+L');
  await unlockScreen(page);
}

async function settle(ms = 250): Promise<void> {
  await pause(ms);
}

/** On the unlock screen: submit, until the client list has rows on screen. */
async function unlockOnce(page: Page, passphrase: string): Promise<Sample> {
  await unlockScreen(page);
  await page.getByLabel('Wachtwoordzin').fill(passphrase);
  await resetProbe(page);
  await arm(page, 'clientRows');
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  const done = await painted(page);
  const started = (await pageMarks(page)).submits.at(-1);
  if (started === undefined) throw new Error('no submit event seen');
  return {
    ms: done.paintAt - started,
    domMs: done.domAt - started,
    api: await apiCalls(page, started, done.paintAt),
  };
}

async function atClientList(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/clients';
  });
  await page.locator('ul[aria-label="Cliëntenlijst"] > li.client-row').first().waitFor();
}

/** From the client list: navigate to the dossier's overview, until it is painted. */
async function openDossierOnce(page: Page, id: string): Promise<Sample> {
  await atClientList(page);
  await settle();
  await resetProbe(page);
  await arm(page, 'dossier', { id });
  const started = await page.evaluate(
    (hash) => (globalThis as unknown as ProbeWindow).__kb.navigate(hash),
    `#/clients/${id}/overview`,
  );
  const done = await painted(page);
  return {
    ms: done.paintAt - started,
    domMs: done.domAt - started,
    api: await apiCalls(page, started, done.paintAt),
  };
}

async function clearSearch(page: Page, clients: number): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Zoeken' });
  await box.fill('');
  await page.locator('.search-hits').waitFor({ state: 'detached' });
  await page
    .locator('p.result-count')
    .filter({ hasText: new RegExp(`^\\s*${clients} cliënten\\s*$`) })
    .waitFor();
}

/** Types the query into the list's search box; from the last keydown until results show. */
async function searchOnce(
  page: Page,
  clients: number,
  query: string,
  expected: SearchExpectation,
): Promise<Sample> {
  await clearSearch(page, clients);
  await settle();
  const box = page.getByRole('searchbox', { name: 'Zoeken' });
  await box.focus();
  await resetProbe(page);
  await arm(page, 'search', expected);
  await page.keyboard.type(query, { delay: TYPING_DELAY_MS });
  const done = await painted(page);
  const started = (await pageMarks(page)).keydowns.at(-1);
  if (started === undefined) throw new Error('no keydown seen');
  return {
    ms: done.paintAt - started,
    domMs: done.domAt - started,
    api: await apiCalls(page, started, done.paintAt),
  };
}

// ---------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------

const ms = (value: number, digits = 0) => `${value.toFixed(digits)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const verdict = (value: number, target: number) => (value <= target ? 'met' : 'MISSED');

/** Per API method over all samples: how many calls, median duration and response size. */
function apiSummary(samples: readonly Sample[]): string {
  const by = new Map<string, { durations: number[]; bytes: number[]; ends: number[] }>();
  for (const sample of samples) {
    for (const call of sample.api) {
      const entry = by.get(call.method) ?? { durations: [], bytes: [], ends: [] };
      entry.durations.push(call.end - call.start);
      entry.bytes.push(call.bytes);
      entry.ends.push(call.end);
      by.set(call.method, entry);
    }
  }
  return [...by]
    .map(
      ([method, e]) =>
        `${method} ${ms(median(e.durations))}` +
        (median(e.bytes) > 10_240 ? ` (${kib(median(e.bytes))})` : '') +
        ` done at ${ms(median(e.ends))}`,
    )
    .join('; ');
}

function traceRows(label: string, trace: TraceBreakdown | null): string[][] {
  if (!trace) return [[`  ${label}: trace`, 'n/a', 'no marks found in the trace']];
  const k = trace.byKind;
  return [
    [
      `  ${label}: main thread (1 traced run)`,
      ms(trace.windowMs),
      `busy ${ms(trace.busyMs)}, idle/waiting ${ms(trace.windowMs - trace.busyMs)}; ` +
        `script ${ms(k.script)}, gc ${ms(k.gc)}, style+layout ${ms(k['style+layout'])}, ` +
        `paint ${ms(k.paint)}, other ${ms(k.other)}`,
    ],
    [`  ${label}: top self time`, '', trace.top.map((t) => `${t.name} ${ms(t.ms, 1)}`).join(', ')],
  ];
}

function statRows(
  label: string,
  samples: readonly Sample[],
  target: number | null,
  offset = 0,
): string[][] {
  const values = samples.map((s) => s.ms - offset);
  const p50 = median(values);
  const p95 = percentile(values, 95);
  return [
    [
      `${label}, median of ${values.length}`,
      ms(p50),
      target === null ? '' : `target ≤ ${target} ms ${verdict(p50, target)}`,
    ],
    ['  p95', ms(p95), target === null ? '' : `target ≤ ${target} ms ${verdict(p95, target)}`],
    ['  min / max', `${ms(Math.min(...values))} / ${ms(Math.max(...values))}`, ''],
  ];
}

function bundleSize(): { files: number; raw: number; gzip: number; js: number; css: number } {
  const dir = join(RENDERER_DIR, 'assets');
  let raw = 0;
  let gzip = 0;
  let js = 0;
  let css = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js') && !name.endsWith('.css')) continue;
    const body = readFileSync(join(dir, name));
    files += 1;
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    if (name.endsWith('.js')) js += body.length;
    else css += body.length;
  }
  return { files, raw, gzip, js, css };
}

/**
 * The search's two API calls and the unfiltered list, timed through the dispatcher in
 * this process (as dossier.bench.ts does) on the same vault once the harness let go of it.
 */
async function serverTimes(
  vault: PracticeVault,
  queries: readonly string[],
): Promise<{ listAll: number; byQuery: Map<string, { list: number; search: number }> }> {
  const session = new VaultSession(vault.dir, FAST);
  const dispatch = createDispatcher(session, { now: () => PRACTICE_NOW });
  const kluis = createKluisClient((method, input) => dispatch(method, input));
  const timed = async (work: () => Promise<unknown>, times: number) => {
    const values: number[] = [];
    for (let i = 0; i < times; i += 1) {
      const started = performance.now();
      await work();
      values.push(performance.now() - started);
    }
    return median(values);
  };
  try {
    await kluis.vault.unlock({ passphrase: vault.passphrase });
    await kluis.clients.list({});
    const listAll = await timed(() => kluis.clients.list({}), 5);
    const byQuery = new Map<string, { list: number; search: number }>();
    for (const query of queries) {
      byQuery.set(query, {
        list: await timed(() => kluis.clients.list({ query }), 3),
        search: await timed(() => kluis.sessions.search({ query, limit: 20 }), 3),
      });
    }
    return { listAll, byQuery };
  } finally {
    if (session.state === 'unlocked') session.lock('quit');
  }
}

// ---------------------------------------------------------------------------------------
// The bench
// ---------------------------------------------------------------------------------------

export interface UiBenchOptions extends PracticeVaultOptions {
  runs?: number;
}

export async function benchUi(options: UiBenchOptions = {}): Promise<void> {
  const runs = options.runs ?? 12;
  const index = join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) throw new Error('out/renderer is missing: run `npx vite build` first.');
  const builtAt = statSync(index).mtime;
  const bundle = bundleSize();

  const vault = await practiceVault('ui', options);
  const loadBefore = loadavg()[0] ?? 0;
  const harness = await startHarness({
    vaultDir: vault.dir,
    vaultOptions: FAST,
    now: () => PRACTICE_NOW,
  });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const problems: string[] = [];
  let closed = false;
  try {
    const context = await browser.newContext({
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: VIEWPORT,
      serviceWorkers: 'block',
    });
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`));
    page.setDefaultTimeout(30_000);
    await page.goto(harness.url);
    await unlockScreen(page);

    // (a) Unlock. The first one after the page loaded, then with the page kept (Ctrl+L
    // between runs), then after a reload each time (as after starting the app).
    const firstUnlock = await unlockOnce(page, vault.passphrase);
    await settle(500);
    const warmUnlocks: Sample[] = [];
    for (let i = 0; i < runs; i += 1) {
      await lockUi(page);
      warmUnlocks.push(await unlockOnce(page, vault.passphrase));
      await settle();
    }
    const coldUnlocks: Sample[] = [];
    for (let i = 0; i < runs; i += 1) {
      await lockUi(page);
      await page.reload();
      coldUnlocks.push(await unlockOnce(page, vault.passphrase));
      await settle();
    }
    await lockUi(page);
    const unlockTrace = await traced(browser, page, () => unlockOnce(page, vault.passphrase));
    await settle();

    // (b) Open a 200-session dossier, each time not yet in the UI's query cache: a
    // different busiest client, or the cache emptied by a lock (the UI clears it then).
    const busiest = vault.practice.busiestClientIds;
    if (busiest.length === 0) throw new Error('the practice has no 200-session client');
    const dossierOpens: Sample[] = [];
    const openedSinceUnlock = new Set<string>();
    const relock = async () => {
      // Unlocking returns to the address of the lock: the client list, as in (a).
      await atClientList(page);
      await lockUi(page);
      await unlockOnce(page, vault.passphrase);
      openedSinceUnlock.clear();
      await settle();
    };
    for (let i = 0; i < runs; i += 1) {
      const id = busiest[i % busiest.length] ?? '';
      if (openedSinceUnlock.has(id)) await relock();
      dossierOpens.push(await openDossierOnce(page, id));
      openedSinceUnlock.add(id);
    }
    const tracedId = busiest[runs % busiest.length] ?? '';
    if (openedSinceUnlock.has(tracedId)) await relock();
    await atClientList(page);
    await settle();
    const dossierTrace = await traced(browser, page, () => openDossierOnce(page, tracedId));
    const sessionsInDossier = vault.practice.sessionCounts.get(tracedId) ?? BUSIEST_SESSIONS;

    // (c) Search from the client list. Distinct queries, so none is answered from the
    // UI's query cache; ASCII only, so every character is a real keydown.
    const clients = vault.options.clients;
    const queries = [...new Set([...LIST_QUERIES, ...SEARCH_QUERIES])]
      .filter((q) => /^[a-z -]+$/i.test(q))
      .slice(0, runs + 1);
    await atClientList(page);
    const expectations = new Map<string, SearchExpectation>();
    for (const query of queries) {
      expectations.set(
        query,
        await page.evaluate(
          (q) => (globalThis as unknown as ProbeWindow).__kb.expectSearch(q),
          query,
        ),
      );
    }
    const searches: { query: string; sample: Sample }[] = [];
    for (const query of queries.slice(0, runs)) {
      const expected = expectations.get(query);
      if (!expected) continue;
      searches.push({ query, sample: await searchOnce(page, clients, query, expected) });
    }
    const tracedQuery = queries.at(-1) ?? 'werk';
    const tracedExpectation = expectations.get(tracedQuery);
    await clearSearch(page, clients);
    await settle();
    const searchTrace = tracedExpectation
      ? await traced(browser, page, () => searchOnce(page, clients, tracedQuery, tracedExpectation))
      : null;

    const loadAfter = loadavg()[0] ?? 0;
    const version = browser.version();
    await browser.close();
    await harness.close();
    closed = true;

    // The same calls without browser, HTTP or JSON: the dispatcher in this process.
    const server = await serverTimes(
      vault,
      searches.map((s) => s.query),
    );
    const searchSamples = searches.map((s) => s.sample);
    const slowestSearches = [...searches]
      .sort((a, b) => b.sample.ms - a.sample.ms)
      .slice(0, 3)
      .map((s) => {
        const alone = server.byQuery.get(s.query);
        return (
          `'${s.query}' ${ms(s.sample.ms)}` +
          (alone ? ` (server: list ${ms(alone.list)} + search ${ms(alone.search)})` : '')
        );
      })
      .join(', ');
    const serverList = [...server.byQuery.values()].map((q) => q.list);
    const serverSearch = [...server.byQuery.values()].map((q) => q.search);
    const serverBoth = [...server.byQuery.values()].map((q) => q.list + q.search);

    const rows: string[][] = [
      ['practice', describePractice(vault, 'ui'), ''],
      ...statRows('(a) unlock → client list painted, page kept', warmUnlocks, TARGET.unlockMs),
      [
        '  DOM rows present (before the frame)',
        ms(median(warmUnlocks.map((s) => s.domMs))),
        'median',
      ],
      ['  API calls (median)', '', apiSummary(warmUnlocks)],
      ...statRows('(a) unlock after a page reload', coldUnlocks, TARGET.unlockMs),
      ['  API calls (median)', '', apiSummary(coldUnlocks)],
      ['  first unlock after page load', ms(firstUnlock.ms), apiSummary([firstUnlock])],
      ...traceRows('unlock', unlockTrace.trace),
      ...statRows(
        `(b) open dossier (${sessionsInDossier} sessions) → overview painted`,
        dossierOpens,
        TARGET.dossierMs,
      ),
      ['  DOM present', ms(median(dossierOpens.map((s) => s.domMs))), 'median'],
      ['  API calls (median)', '', apiSummary(dossierOpens)],
      ...traceRows('dossier', dossierTrace.trace),
      ...statRows('(c) search, last keydown → results painted (raw)', searchSamples, null),
      ...statRows(
        `(c) search, raw − ${SEARCH_DEBOUNCE_MS} ms debounce`,
        searchSamples,
        TARGET.searchMs,
        SEARCH_DEBOUNCE_MS,
      ),
      ['  slowest queries (raw)', '', slowestSearches],
      ['  API calls (median)', '', apiSummary(searchSamples)],
      [
        '  server alone: clients.list with the query',
        ms(median(serverList)),
        `median over the ${serverList.length} queries, max ${ms(Math.max(...serverList))}; ` +
          `without a query ${ms(server.listAll)}`,
      ],
      [
        '  server alone: sessions.search, limit 20',
        ms(median(serverSearch)),
        `median, max ${ms(Math.max(...serverSearch))}`,
      ],
      [
        '  server alone: both (they run one after the other)',
        ms(median(serverBoth)),
        `median, max ${ms(Math.max(...serverBoth))}; dispatcher in-process, no HTTP/JSON`,
      ],
      ...traceRows(`search '${tracedQuery}'`, searchTrace?.trace ?? null),
      [
        `(d) renderer bundle, ${bundle.files} files`,
        kib(bundle.raw),
        `js ${kib(bundle.js)}, css ${kib(bundle.css)}; no target set`,
      ],
      ['  gzip -9 (node:zlib)', kib(bundle.gzip), `out/renderer built ${builtAt.toISOString()}`],
      [
        'machine',
        `${availableParallelism()} cores`,
        `load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
      ],
    ];
    if (problems.length > 0) rows.push(['page errors', String(problems.length), problems[0] ?? '']);
    printTable(
      `UI (Debian Chromium ${version}, headless, ${VIEWPORT.width}×${VIEWPORT.height}; ` +
        `loopback harness; FAST scrypt; ${runs} runs each)`,
      rows,
    );
  } finally {
    if (!closed) {
      await browser.close();
      await harness.close();
    }
  }
}
