#!/usr/bin/env node
// Overload test: a crowd of respondents answers while facilitators hammer the expensive endpoints.
//
// R respondents (default 2,000) open their link (GET /r/:token) spread over an open window of
// 60 s and submit spread over a submit window of 300 s, each with one or two partial saves before
// the complete one, as the questionnaire page autosaves; a quarter of them through personal links
// (the partners, a confidential group), the others through the shared links of three anonymous
// groups. Meanwhile 20 facilitator clients loop over CSV and XLSX exports and the analysis, of
// this evaluation and of an archive evaluation of 5,000 submissions: they go through the API's
// expensive-work limiter and may be queued, or refused with 503 work-queue-full and Retry-After
// (counted as throttled, and honoured). Before the measures, 300 submissions sent through the API
// warm it up (they start the archive, then copied by SQL). A short baseline phase first sends the
// same rate of respondents with no expensive work, for comparison. pg_stat_activity is sampled
// every 250 ms for the API's connections (application_name set in its DATABASE_URL), with the
// statements that keep them busy; GET /health every 100 ms measures the API's event loop.
//
// It fails on any 5xx but that throttling 503, on any refused or unanswered respondent request,
// when the database does not hold exactly one submitted submission per respondent, and when the
// API ever had more connections than its pool (DB_POOL_SIZE). Localhost only, bounded in time.
//
// Usage: npm run test:overload [-- --respondents 2000 --time-scale 0.2 --expensive 20 --kinds csv,xlsx,analysis]
// --time-scale compresses both windows (0.2: 12 s and 60 s, the default for CI; 1: 60 s and 300 s).
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the test
// creates and drops its own database there. BENCH_ROOT: the folder holding the built server
// (dist/) with package.json, node_modules and libs/ beside it (default: this repo).
// EXPENSIVE_WORK_* variables reach the API.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_LOGIN, assertLocal, client, collectingEvaluation, freePort, percentile, startApi, stopProcess } from './lib/harness.mjs';

const { values: args } = parseArgs({
  options: {
    respondents: { type: 'string', default: '2000' },
    'time-scale': { type: 'string', default: '0.2' },
    expensive: { type: 'string', default: '20' },
    'pool-size': { type: 'string', default: '10' },
    archive: { type: 'string', default: '5000' },
    baseline: { type: 'string' },
    kinds: { type: 'string', default: 'csv,xlsx,analysis' },
    seed: { type: 'string', default: '2026' },
  },
});
const bounded = (name, value, min, max) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be between ${min} and ${max}, not ${value}`);
  return n;
};
const R = Math.round(bounded('respondents', args.respondents, 10, 10_000));
const SCALE = bounded('time-scale', args['time-scale'], 0.02, 2);
const EXPENSIVE = Math.round(bounded('expensive', args.expensive, 0, 64));
const POOL_SIZE = Math.round(bounded('pool-size', args['pool-size'], 1, 90));
const ARCHIVE = Math.round(bounded('archive', args.archive, 0, 100_000));
const BASELINE = Math.round(bounded('baseline', args.baseline ?? Math.max(20, Math.round(R / 10)), 0, R));
const KINDS = args.kinds.split(',').map((kind) => kind.trim());
if (KINDS.length === 0 || KINDS.some((kind) => !['csv', 'xlsx', 'analysis'].includes(kind))) throw new Error(`--kinds: a list of csv, xlsx, analysis, not ${args.kinds}`);
const OPEN_WINDOW_MS = 60_000 * SCALE;
const SUBMIT_WINDOW_MS = 300_000 * SCALE;
const RESPONDENT_TIMEOUT_MS = 30_000;
const EXPENSIVE_TIMEOUT_MS = 120_000;
const SAMPLE_MS = 250;
/** Submissions sent through the API before the measures, to warm it up (they start the archive). */
const WARM_UP = 300;
const API_APP_NAME = 'regards-overload-api';
const MONITOR_APP_NAME = 'regards-overload-monitor';
/** The whole run, set-up and checks included, stops here whatever happens. */
const HARD_TIMEOUT_MS = 6 * 60_000 + (SUBMIT_WINDOW_MS + OPEN_WINDOW_MS) * 1.5;

const ROOT = resolve(process.env.BENCH_ROOT ?? join(import.meta.dirname, '..'));
const adminUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
assertLocal(adminUrl, 'test:overload');
const dbName = `regards_overload_${Date.now()}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
dbUrl.search = '';
const apiDbUrl = new URL(dbUrl);
apiDbUrl.searchParams.set('application_name', API_APP_NAME);
const monitorUrl = new URL(dbUrl);
monitorUrl.searchParams.set('application_name', MONITOR_APP_NAME);

const { compileQuestionnaire, normaliseAnswers } = await import(join(ROOT, 'dist/libs/domain/src/index.js'));
const { socleCommun } = await import(join(ROOT, 'dist/apps/api/src/modules/frameworks/default-frameworks.js'));
const { demoSurveyData, seededRandom } = await import(join(ROOT, 'dist/apps/api/src/modules/demo/demo-answers.js'));

const random = seededRandom(Number(args.seed));
const started = performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const log = (message) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** The evaluation's groups: three anonymous ones through shared links, the partners (confidential) through personal links. */
const GROUPS = [
  { groupKey: 'staff', anonymity: 'anonymous', kind: 'shared', share: 0.25 },
  { groupKey: 'volunteers', anonymity: 'anonymous', kind: 'shared', share: 0.3 },
  { groupKey: 'beneficiaries', anonymity: 'anonymous', kind: 'shared', share: 0.2 },
  { groupKey: 'partners', anonymity: 'confidential', kind: 'personal', share: 0.25 },
];

// --- Set-up --------------------------------------------------------------------------------------

const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const folder = mkdtempSync(join(tmpdir(), 'regards-overload-'));
const apiLog = join(folder, 'api.log');
const apiOut = openSync(apiLog, 'a');
let api;
let monitor;
let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (api) await stopProcess(api);
  if (monitor) await monitor.end().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  rmSync(folder, { recursive: true, force: true });
}
const hardTimeout = setTimeout(() => {
  console.error(`\nFAILED: the test did not finish within ${(HARD_TIMEOUT_MS / 1000).toFixed(0)} s`);
  cleanUp().finally(() => process.exit(1));
}, HARD_TIMEOUT_MS);

/** Latencies and statuses of one phase. */
function phaseStats(name) {
  return { name, open: [], save: [], submit: [], probe: [], statuses: new Map(), failures: [], maxApiConnections: 0, maxApiActive: 0, maxOthers: 0, samples: 0, busyBy: new Map(), cpuSeconds: 0, seconds: 0 };
}
function count(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}
const baselineStats = phaseStats('baseline');
const mainStats = phaseStats('main');
const expensive = { done: 0, throttled: 0, cut: 0, serverErrors: 0, otherErrors: [], latencies: [], byKind: new Map(), statuses: new Map() };
let failed;

/** Per group of an evaluation, how many of `n` respondents it has (the shares rounded, summing to n). */
function groupCounts(n) {
  const counts = GROUPS.map((g) => Math.floor(n * g.share));
  counts[0] += n - counts.reduce((a, b) => a + b, 0);
  return counts;
}

/**
 * Answer sets of a group as the demo generates them (valid, varied): the complete data, and the
 * beginnings the page autosaves at page changes (a third and two thirds of the answers).
 */
function answerSets(questionnaire, content, howMany) {
  const prefix = (entries, size) => {
    for (let k = size; k > 0; k -= 1) {
      const data = Object.fromEntries(entries.slice(0, k));
      if (normaliseAnswers(questionnaire, data, { checkRequired: false }).ok) return data;
    }
    return {};
  };
  return Array.from({ length: howMany }, () => {
    const data = demoSurveyData(questionnaire, content, random);
    const result = normaliseAnswers(questionnaire, data);
    if (!result.ok) throw new Error(`generated answers are invalid: ${JSON.stringify(result.errors).slice(0, 300)}`);
    const entries = Object.entries(data);
    return {
      complete: JSON.stringify({ data, locale: 'fr', complete: true }),
      partials: [prefix(entries, Math.ceil(entries.length / 3)), prefix(entries, Math.ceil((entries.length * 2) / 3))].map((partial) =>
        JSON.stringify({ data: partial, locale: 'fr', complete: false }),
      ),
    };
  });
}

/** An evaluation collecting through shared and personal links, and its `n` respondents (their link, id and answers). */
async function respondentEvaluation(facilitator, title, n) {
  const counts = groupCounts(n);
  const { evaluation, path } = await collectingEvaluation(facilitator, {
    title,
    groups: GROUPS.map((g, i) => ({ groupKey: g.groupKey, expectedCount: counts[i], anonymity: g.anonymity })),
  });
  const content = socleCommun();
  const respondents = [];
  for (const [i, group] of GROUPS.entries()) {
    if (counts[i] === 0) continue;
    const tokens = [];
    if (group.kind === 'shared') {
      const [link] = await facilitator.send('POST', `${path}/links`, { groupKey: group.groupKey, kind: 'shared' });
      tokens.push(...Array.from({ length: counts[i] }, () => link.token));
    } else {
      for (let from = 0; from < counts[i]; from += 500) {
        const batch = Array.from({ length: Math.min(500, counts[i] - from) }, (_, j) => ({ label: `Partenaire ${from + j + 1}` }));
        const links = await facilitator.send('POST', `${path}/links`, { groupKey: group.groupKey, kind: 'personal', respondents: batch });
        tokens.push(...links.map((link) => link.token));
      }
    }
    const questionnaire = compileQuestionnaire({ version: { content }, dimensionKeys: evaluation.dimensionKeys, customQuestions: [], group: group.groupKey, locale: 'fr' });
    const sets = answerSets(questionnaire, content, 40);
    for (const token of tokens) respondents.push({ groupKey: group.groupKey, token, clientId: randomUUID(), set: sets[Math.floor(random() * sets.length)] });
  }
  return { id: evaluation.id, path, respondents };
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel(width, items, work) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/**
 * A past evaluation for the exports and analyses to chew on. Its first WARM_UP submissions are
 * sent through the API, 16 respondents at a time, each opening the link first: this warms the
 * API up (compiled code, questionnaires in cache, the pool's connections open) so that the
 * baseline measures a running server, not a starting one. Then they are copied by SQL up to `n`.
 */
async function archiveEvaluation(facilitator, n, db) {
  const groups = GROUPS.filter((g) => g.kind === 'shared');
  const { evaluation, path } = await collectingEvaluation(facilitator, {
    title: 'Surcharge — archive',
    groups: groups.map((g) => ({ groupKey: g.groupKey, expectedCount: Math.max(n, WARM_UP), anonymity: g.anonymity })),
  });
  const content = socleCommun();
  const respondent = client(apiBase);
  await respondent.init();
  const jobs = [];
  for (const group of groups) {
    const [link] = await facilitator.send('POST', `${path}/links`, { groupKey: group.groupKey, kind: 'shared' });
    const questionnaire = compileQuestionnaire({ version: { content }, dimensionKeys: evaluation.dimensionKeys, customQuestions: [], group: group.groupKey, locale: 'fr' });
    const sets = answerSets(questionnaire, content, 20);
    for (let i = 0; i < WARM_UP / groups.length; i += 1) jobs.push({ token: link.token, body: JSON.parse(sets[i % sets.length].complete) });
  }
  await inParallel(16, jobs, async ({ token, body }) => {
    await respondent.send('GET', `/r/${token}`);
    await respondent.send('PUT', `/r/${token}/submissions/${randomUUID()}`, body);
  });
  const sent = jobs.length;
  if (n > sent) {
    await db.query(
      `WITH plan AS (
         SELECT t.id AS template_id, gen_random_uuid() AS new_id
           FROM submission t CROSS JOIN generate_series(1, $2::int) AS g
          WHERE t.evaluation_id = $1
          ORDER BY g, t.id
          LIMIT $3),
       s AS (
         INSERT INTO submission (id, workspace_id, evaluation_id, group_key, client_id, link_id, channel, status, locale, data, started_at, updated_at, submitted_at)
         SELECT p.new_id, t.workspace_id, t.evaluation_id, t.group_key, gen_random_uuid(), t.link_id, t.channel, t.status, t.locale, t.data, t.started_at, t.updated_at, t.submitted_at
           FROM plan p JOIN submission t ON t.id = p.template_id)
       INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
       SELECT p.new_id, a.workspace_id, a.evaluation_id, a.group_key, a.question_key, a.indicator_key, a.part, a.numeric_value, a.choice_value, a.text_value, a.dont_know
         FROM plan p JOIN answer a ON a.submission_id = p.template_id`,
      [evaluation.id, Math.ceil(n / sent), n - sent],
    );
  }
  await db.query('ANALYZE submission, answer');
  return { id: evaluation.id, path, submissions: Math.max(n, sent) };
}

// --- The load ------------------------------------------------------------------------------------

let apiBase;
let respondentHeaders;

/** One respondent request; true when answered 2xx. Latency counted for answered ones, status always. */
async function call(stats, kind, method, path, body) {
  const t = performance.now();
  try {
    const res = await fetch(`${apiBase}/api/v1${path}`, {
      method,
      headers: body === undefined ? { cookie: respondentHeaders.cookie } : respondentHeaders,
      body,
      signal: AbortSignal.timeout(RESPONDENT_TIMEOUT_MS),
    });
    const text = await res.text();
    count(stats.statuses, `${kind} ${res.status}`);
    if (res.ok) {
      stats[kind].push(performance.now() - t);
      return true;
    }
    stats.failures.push(`${kind} ${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  } catch (error) {
    const what = error.name === 'TimeoutError' ? `timeout after ${RESPONDENT_TIMEOUT_MS / 1000} s` : `network error (${error.message})`;
    count(stats.statuses, `${kind} ${what}`);
    stats.failures.push(`${kind} ${method} ${path}: ${what}`);
  }
  return false;
}

/**
 * The respondents of an evaluation, each at their own moments: open within the open window,
 * one or two partial saves, the complete answers within the submit window (both windows times
 * `factor`). Resolves with the client ids whose submission was acknowledged.
 */
async function runRespondents(target, stats, factor) {
  const openWindow = OPEN_WINDOW_MS * factor;
  const submitWindow = SUBMIT_WINDOW_MS * factor;
  const minDwell = submitWindow * 0.05;
  const acknowledged = new Set();
  const t0 = performance.now() + 200;
  await Promise.all(
    target.respondents.map(async (r) => {
      const openAt = random() * openWindow;
      const submitAt = openAt + minDwell + random() * (submitWindow - openAt - minDwell);
      const partials = random() < 0.5 ? [r.set.partials[0]] : r.set.partials;
      const path = `/r/${r.token}/submissions/${r.clientId}`;
      await sleep(t0 + openAt - performance.now());
      if (!(await call(stats, 'open', 'GET', `/r/${r.token}`))) return;
      for (const [k, partial] of partials.entries()) {
        await sleep(t0 + openAt + ((submitAt - openAt) * (k + 1)) / (partials.length + 1) - performance.now());
        if (!(await call(stats, 'save', 'PUT', path, partial))) return;
      }
      await sleep(t0 + submitAt - performance.now());
      if (await call(stats, 'submit', 'PUT', path, r.set.complete)) acknowledged.add(r.clientId);
    }),
  );
  return acknowledged;
}

/** A facilitator's loop over the expensive endpoints until `stop` aborts: queued or throttled, never failing. */
async function expensiveLoop(index, targets, cookie, stop) {
  const isDone = () => stop.aborted;
  let n = index;
  while (!isDone()) {
    const target = targets[n++ % targets.length];
    const t = performance.now();
    try {
      const signal = AbortSignal.any([stop, AbortSignal.timeout(EXPENSIVE_TIMEOUT_MS)]);
      const res = await fetch(`${apiBase}/api/v1${target.path}`, { headers: { cookie }, signal });
      const body = Buffer.from(await res.arrayBuffer());
      count(expensive.statuses, res.status);
      if (res.ok) {
        expensive.done += 1;
        count(expensive.byKind, target.label);
        expensive.latencies.push(performance.now() - t);
        continue;
      }
      let problem;
      try {
        problem = JSON.parse(body.toString('utf8'));
      } catch {
        problem = undefined;
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      if (res.status === 503 && problem?.code === 'work-queue-full' && retryAfter > 0) {
        expensive.throttled += 1;
        // As a client should: come back after Retry-After (or when the test ends).
        const until = performance.now() + retryAfter * 1000;
        while (!isDone() && performance.now() < until) await sleep(100);
        continue;
      }
      if (res.status >= 500) expensive.serverErrors += 1;
      expensive.otherErrors.push(`${target.label}: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    } catch (error) {
      if (isDone()) {
        // The respondents are done: requests still queued or streaming are cut, as a client that leaves.
        expensive.cut += 1;
        break;
      }
      count(expensive.statuses, error.name);
      expensive.otherErrors.push(`${target.label}: ${error.name} ${error.message}`);
    }
    await sleep(100);
  }
}

/** Samples the API's connections to the test database until `stop()`; maxima go to the current phase. */
async function sampleConnections(db, phase, stop) {
  while (!stop()) {
    try {
      const { rows } = await db.query(
        `SELECT application_name, state, left(regexp_replace(btrim(query), '\\s+', ' ', 'g'), 48) AS statement
           FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2`,
        [dbName, MONITOR_APP_NAME],
      );
      const own = rows.filter((row) => row.application_name === API_APP_NAME);
      const busy = own.filter((row) => row.state !== 'idle');
      const stats = phase();
      stats.samples += 1;
      stats.maxApiConnections = Math.max(stats.maxApiConnections, own.length);
      stats.maxApiActive = Math.max(stats.maxApiActive, busy.length);
      stats.maxOthers = Math.max(stats.maxOthers, rows.length - own.length);
      // What keeps the busy connections busy: their statements (the last one, for a connection idle in a transaction).
      for (const row of busy) count(stats.busyBy, `${row.state === 'active' ? '' : `(${row.state}) `}${row.statement}`);
    } catch (error) {
      log(`pg_stat_activity sample failed: ${error.message}`);
    }
    await sleep(SAMPLE_MS);
  }
}

/**
 * GET /health every 100 ms: a request that touches neither the database nor the limiter, so its
 * latency is the time the API's event loop (and the CPU) makes everyone wait.
 */
async function probeEventLoop(phase, stop) {
  while (!stop()) {
    const t = performance.now();
    try {
      const res = await fetch(`${apiBase}/api/v1/health`, { signal: AbortSignal.timeout(RESPONDENT_TIMEOUT_MS) });
      await res.arrayBuffer();
      if (res.ok) phase().probe.push(performance.now() - t);
    } catch {
      // counted by the respondents' own requests; the probe only measures
    }
    await sleep(100);
  }
}

/** CPU seconds the API process has used so far (user + system, from /proc). */
function apiCpuSeconds() {
  try {
    const fields = readFileSync(`/proc/${api.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Runs a phase, recording its duration and the API's CPU time in it. */
async function measured(stats, work) {
  const cpu0 = apiCpuSeconds();
  const t0 = performance.now();
  const result = await work();
  stats.seconds = (performance.now() - t0) / 1000;
  stats.cpuSeconds = apiCpuSeconds() - cpu0;
  return result;
}

const ms = (values, p) => (values.length === 0 ? '—' : `${Math.round(percentile(values, p))} ms`);
function latencyLine(label, values) {
  const sorted = [...values].sort((a, b) => a - b);
  return `${label.padEnd(22)} n ${String(sorted.length).padStart(5)}  p50 ${ms(sorted, 50).padStart(8)}  p95 ${ms(sorted, 95).padStart(8)}  p99 ${ms(sorted, 99).padStart(8)}  max ${(sorted.length ? `${Math.round(sorted[sorted.length - 1])} ms` : '—').padStart(8)}`;
}
/** The statements the API's busy connections were seen running most often. */
function busyLines(stats, top = 8) {
  const total = [...stats.busyBy.values()].reduce((a, b) => a + b, 0);
  return [...stats.busyBy]
    .sort(([, a], [, b]) => b - a)
    .slice(0, top)
    .map(([statement, n]) => `    ${String(n).padStart(5)} ${((n / total) * 100).toFixed(0).padStart(3)} %  ${statement}`);
}

const histogram = (map) =>
  [...map]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

/** Submissions of an evaluation in the database against what the respondents were told. */
async function verify(db, evaluationId, expected, acknowledged) {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE s.status = 'submitted')::int AS submitted,
            count(*)::int AS total,
            count(*) FILTER (WHERE s.status = 'submitted' AND s.client_id = ANY($2::uuid[]))::int AS acknowledged_found,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM answer a WHERE a.submission_id = s.id))::int AS answerless
       FROM submission s WHERE s.evaluation_id = $1`,
    [evaluationId, [...acknowledged]],
  );
  const row = rows[0];
  const ok = row.submitted === expected && row.total === expected && row.acknowledged_found === acknowledged.size && acknowledged.size === expected && row.answerless === 0;
  return { ...row, expected, acknowledged: acknowledged.size, ok };
}

try {
  const loadBefore = load();
  ({ child: api, base: apiBase } = await startApi({
    root: ROOT,
    port: await freePort(),
    env: { DATABASE_URL: apiDbUrl.toString(), DB_POOL_SIZE: String(POOL_SIZE), DEMO_SEED: 'true' },
    stdio: ['ignore', apiOut, apiOut],
  }));
  monitor = new pg.Client({ connectionString: monitorUrl.toString() });
  await monitor.connect();
  const limits = ['EXPENSIVE_WORK_CONCURRENCY', 'EXPENSIVE_WORK_QUEUE', 'EXPENSIVE_WORK_WAIT_SECONDS'].map((name) => `${name}=${process.env[name] ?? 'default'}`).join(' ');
  log(`API ready on ${apiBase}: DB_POOL_SIZE=${POOL_SIZE} ${limits}; load average ${loadBefore}`);

  const facilitator = client(apiBase);
  await facilitator.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
  const main = await respondentEvaluation(facilitator, 'Surcharge — collecte', R);
  const baseline = BASELINE > 0 ? await respondentEvaluation(facilitator, 'Surcharge — référence', BASELINE) : null;
  const respondentClient = client(apiBase);
  await respondentClient.init();
  respondentHeaders = { 'content-type': 'application/json', cookie: respondentClient.cookieHeader(), 'x-csrf-token': respondentClient.csrf };
  log(`${R} respondents (+ ${BASELINE} for the baseline) with their links; warm-up (${WARM_UP} submissions through the API) and archive…`);
  const archive = await archiveEvaluation(facilitator, ARCHIVE, monitor);
  log(`archive of ${archive.submissions} submissions ready`);
  const targets = [...(ARCHIVE > 0 ? [['archive', archive.path]] : []), ['current', main.path]]
    .flatMap(([which, path]) => [
      { kind: 'csv', label: `csv ${which}`, path: `${path}/exports/submissions.csv` },
      { kind: 'xlsx', label: `xlsx ${which}`, path: `${path}/exports/submissions.xlsx` },
      { kind: 'analysis', label: `analysis ${which}`, path: `${path}/analysis` },
    ])
    .filter((target) => KINDS.includes(target.kind));

  let phase = baselineStats;
  let sampling = true;
  const sampler = sampleConnections(monitor, () => phase, () => !sampling);
  const prober = probeEventLoop(() => phase, () => !sampling);

  let baselineAcknowledged = new Set();
  if (baseline) {
    const factor = BASELINE / R;
    log(`baseline: ${BASELINE} respondents, open window ${((OPEN_WINDOW_MS * factor) / 1000).toFixed(1)} s, submit window ${((SUBMIT_WINDOW_MS * factor) / 1000).toFixed(1)} s, no expensive work`);
    baselineAcknowledged = await measured(baselineStats, () => runRespondents(baseline, baselineStats, factor));
  }

  phase = mainStats;
  const loadAtStart = load();
  log(`main: ${R} respondents, open window ${(OPEN_WINDOW_MS / 1000).toFixed(1)} s, submit window ${(SUBMIT_WINDOW_MS / 1000).toFixed(1)} s, ${EXPENSIVE} expensive clients looping`);
  const stopExpensive = new AbortController();
  const mainStart = performance.now();
  const loops = Array.from({ length: EXPENSIVE }, (_, i) => expensiveLoop(i, targets, facilitator.cookieHeader(), stopExpensive.signal));
  const progress = setInterval(() => {
    const s = mainStats;
    log(`opens ${s.open.length}, saves ${s.save.length}, submits ${s.submit.length}, failures ${s.failures.length}; expensive done ${expensive.done}, throttled ${expensive.throttled}; API connections max ${s.maxApiConnections}`);
  }, 10_000);
  const mainAcknowledged = await measured(mainStats, async () => {
    const acknowledged = await runRespondents(main, mainStats, 1);
    stopExpensive.abort();
    await Promise.all(loops);
    return acknowledged;
  });
  const mainSeconds = (performance.now() - mainStart) / 1000;
  clearInterval(progress);
  const loadAtEnd = load();
  sampling = false;
  await Promise.all([sampler, prober]);

  const checkMain = await verify(monitor, main.id, R, mainAcknowledged);
  const checkBaseline = baseline ? await verify(monitor, baseline.id, BASELINE, baselineAcknowledged) : null;

  const serverErrors = [baselineStats, mainStats].flatMap((s) => [...s.statuses].filter(([k]) => / 5\d\d$/.test(k)));
  const maxConnections = Math.max(baselineStats.maxApiConnections, mainStats.maxApiConnections);
  const poolExceeded = maxConnections > POOL_SIZE;
  const sampledNothing = mainStats.samples === 0 || maxConnections === 0;

  const lines = [
    '',
    `Overload: ${R} respondents, time scale ${SCALE} (open window ${(OPEN_WINDOW_MS / 1000).toFixed(0)} s, submit window ${(SUBMIT_WINDOW_MS / 1000).toFixed(0)} s), ${EXPENSIVE} expensive clients (${KINDS.join(', ')}), API pool ${POOL_SIZE}, ${limits}`,
    `load average: before ${loadBefore}; main phase start ${loadAtStart}, end ${loadAtEnd}; main phase ${mainSeconds.toFixed(1)} s`,
    '',
    `main phase (with expensive work):`,
    `  respondents ${R}: opens ${mainStats.open.length}, partial saves ${mainStats.save.length}, submits ${mainStats.submit.length}, failed requests ${mainStats.failures.length}`,
    `  statuses: ${histogram(mainStats.statuses)}`,
    `  ${latencyLine('open (GET /r/:token)', mainStats.open)}`,
    `  ${latencyLine('partial save (PUT)', mainStats.save)}`,
    `  ${latencyLine('submit (PUT complete)', mainStats.submit)}`,
    `  ${latencyLine('probe (GET /health)', mainStats.probe)}`,
    `  API process CPU: ${mainStats.cpuSeconds.toFixed(1)} s in ${mainStats.seconds.toFixed(1)} s`,
    `  expensive: done ${expensive.done} (${histogram(expensive.byKind)}), throttled ${expensive.throttled} (503 work-queue-full), cut when the respondents were done ${expensive.cut}, other errors ${expensive.otherErrors.length}`,
    `  expensive statuses: ${histogram(expensive.statuses)}`,
    `  ${latencyLine('expensive (queue+work)', expensive.latencies)}`,
    `  API connections (pg_stat_activity, ${mainStats.samples} samples): max ${mainStats.maxApiConnections} (busy ${mainStats.maxApiActive}) of pool ${POOL_SIZE}; other connections max ${mainStats.maxOthers}`,
    `  busy API connections by statement (connection-samples, share of all busy ones):`,
    ...busyLines(mainStats),
    `  database: ${checkMain.submitted} submitted of ${checkMain.expected} respondents (${checkMain.total} rows, ${checkMain.acknowledged} acknowledged, ${checkMain.acknowledged_found} of them found, ${checkMain.answerless} without answer rows)`,
  ];
  if (baseline) {
    lines.push(
      '',
      `baseline phase (same rate, no expensive work):`,
      `  respondents ${BASELINE}: opens ${baselineStats.open.length}, partial saves ${baselineStats.save.length}, submits ${baselineStats.submit.length}, failed requests ${baselineStats.failures.length}`,
      `  statuses: ${histogram(baselineStats.statuses)}`,
      `  ${latencyLine('open (GET /r/:token)', baselineStats.open)}`,
      `  ${latencyLine('partial save (PUT)', baselineStats.save)}`,
      `  ${latencyLine('submit (PUT complete)', baselineStats.submit)}`,
      `  ${latencyLine('probe (GET /health)', baselineStats.probe)}`,
      `  API process CPU: ${baselineStats.cpuSeconds.toFixed(1)} s in ${baselineStats.seconds.toFixed(1)} s`,
      `  API connections (${baselineStats.samples} samples): max ${baselineStats.maxApiConnections} (busy ${baselineStats.maxApiActive}) of pool ${POOL_SIZE}`,
      `  busy API connections by statement:`,
      ...busyLines(baselineStats, 4),
      `  database: ${checkBaseline.submitted} submitted of ${checkBaseline.expected} respondents (${checkBaseline.total} rows, ${checkBaseline.answerless} without answer rows)`,
    );
  }
  const problems = [
    ...(serverErrors.length ? [`respondents got 5xx: ${serverErrors.map(([k, v]) => `${k} ×${v}`).join(', ')}`] : []),
    ...(mainStats.failures.length + baselineStats.failures.length ? [`${mainStats.failures.length + baselineStats.failures.length} respondent requests failed`] : []),
    ...(expensive.otherErrors.length ? [`${expensive.otherErrors.length} expensive requests failed otherwise than throttled${expensive.serverErrors ? ` (${expensive.serverErrors} with 5xx)` : ''}`] : []),
    ...(!checkMain.ok ? ['the main evaluation does not hold exactly one submitted submission per respondent'] : []),
    ...(checkBaseline && !checkBaseline.ok ? ['the baseline evaluation does not hold exactly one submitted submission per respondent'] : []),
    ...(poolExceeded ? [`the API had ${maxConnections} connections, more than its pool of ${POOL_SIZE}`] : []),
    ...(sampledNothing ? [`pg_stat_activity never showed a connection named ${API_APP_NAME}: the pool was not measured`] : []),
  ];
  for (const failure of [...baselineStats.failures, ...mainStats.failures, ...expensive.otherErrors].slice(0, 10)) lines.push(`  ! ${failure}`);
  lines.push('', problems.length ? `FAILED: ${problems.join('; ')}` : 'passed: no 5xx but throttling, nothing lost, the pool never exceeded');
  console.log(lines.join('\n'));
  failed = problems.length > 0;
  if (failed) {
    console.log('\nthe end of the API log:');
    console.log(readFileSync(apiLog, 'utf8').split('\n').slice(-30).join('\n'));
  }
} catch (error) {
  failed = true;
  console.error(error);
  console.error('\nthe end of the API log:');
  console.error(readFileSync(apiLog, 'utf8').split('\n').slice(-30).join('\n'));
} finally {
  clearTimeout(hardTimeout);
  await cleanUp();
}
process.exitCode = failed ? 1 : 0;
