#!/usr/bin/env node
// Time to render a report, and what rendering does to the API's light requests.
//
// 1. In process: the demo report model grown to about 24 pages with 12 charts
//    (`demoReportModel({ grow: true })`), rendered by `renderReport` of libs/reporting (warm-up,
//    then median and p95 over --runs renders).
// 2. Through the API: the built server on a fresh database of a local PostgreSQL with the demo
//    network; as the demo facilitator, 4 draft renders of the demo report kept in flight for
//    --seconds seconds (each one finished is replaced), while 4 clients send light requests
//    (GET /auth/session, one at a time each) and record their latencies. Prints the renders
//    finished, the time from request to done, and the light requests' p50 / p99 / max, then the
//    same light load with no render running, for comparison.
//
// Usage: npm run bench:report [-- --runs 10 --seconds 20]
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the
// benchmark creates and drops its own database there.
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_LOGIN, assertLocal, client, freePort, percentile, startApi, stopProcess } from './lib/harness.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '20' },
    renders: { type: 'string', default: '4' },
  },
});
const RUNS = Math.max(1, Math.min(100, Number(args.runs)));
const SECONDS = Math.max(5, Math.min(300, Number(args.seconds)));
const IN_FLIGHT = Math.max(1, Math.min(8, Number(args.renders)));
const LIGHT_CLIENTS = 4;
const ROOT = resolve(join(import.meta.dirname, '..'));

const ms = (x) => `${x.toFixed(1)} ms`;
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) };
};

// --- 1. in process -------------------------------------------------------------------------
const { renderReport } = await import(join(ROOT, 'dist/libs/reporting/src/index.js'));
const { demoReportModel } = await import(join(ROOT, 'dist/libs/reporting/src/fixtures/report-model.fixture.js'));
const model = demoReportModel({ grow: true });
const charts = model.sections.reduce((sum, section) => sum + section.charts.length, 0);
const first = performance.now();
const warm = await renderReport(model);
const firstMs = performance.now() - first;
const times = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  await renderReport(model);
  times.push(performance.now() - t0);
}
const inProcess = summary(times);
console.log(`in process: ${warm.pages} pages, ${charts} charts, ${(warm.pdf.length / 1024).toFixed(0)} KiB`);
console.log(`  first render (fonts loaded) ${ms(firstMs)}; then ${RUNS} renders: median ${ms(inProcess.p50)}, p95 ${ms(inProcess.p95)}, max ${ms(inProcess.max)}`);

// --- 2. through the API ----------------------------------------------------------------------
const adminUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
assertLocal(adminUrl, 'bench:report');
const dbName = `regards_bench_report_${Date.now()}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;
const admin = new pg.Client({ connectionString: adminUrl.href });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
let api;
try {
  const port = await freePort();
  api = await startApi({ root: ROOT, port, env: { DATABASE_URL: benchUrl.href, DEMO_SEED: 'true' } });
  const facilitator = client(api.base);
  await facilitator.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
  const [workspace] = await facilitator.send('GET', '/workspaces');
  const w = `/workspaces/${workspace.id}`;
  const organizations = await facilitator.send('GET', `${w}/organizations`);
  let reportPath;
  for (const organization of organizations) {
    const evaluations = await facilitator.send('GET', `${w}/organizations/${organization.id}/evaluations`);
    const collecting = evaluations.find((e) => e.status === 'collecting');
    if (collecting) {
      reportPath = `${w}/organizations/${organization.id}/evaluations/${collecting.id}/report`;
      break;
    }
  }
  if (!reportPath) throw new Error('the demo has no collecting evaluation');
  await facilitator.send('GET', reportPath);

  const light = async (until) => {
    const latencies = [];
    const statuses = new Map();
    await Promise.all(
      Array.from({ length: LIGHT_CLIENTS }, async () => {
        const headers = { cookie: facilitator.cookieHeader() };
        while (Date.now() < until) {
          const t0 = performance.now();
          const res = await fetch(`${api.base}/api/v1/auth/session`, { headers });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    return { ...summary(latencies), statuses: Object.fromEntries(statuses) };
  };

  const idle = await light(Date.now() + 5_000);

  const renderTimes = [];
  let failed = 0;
  let pages = 0;
  const until = Date.now() + SECONDS * 1000;
  const renderLoop = async () => {
    while (Date.now() < until) {
      const t0 = performance.now();
      const render = await facilitator.send('POST', `${reportPath}/renders`, {});
      let state = render;
      while (state.status === 'queued' || state.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        state = await facilitator.send('GET', `${reportPath}/renders/${render.id}`);
      }
      if (state.status !== 'done') failed++;
      else {
        renderTimes.push(performance.now() - t0);
        pages = state.pages;
      }
    }
  };
  const [loaded] = await Promise.all([light(until), ...Array.from({ length: IN_FLIGHT }, renderLoop)]);
  const renders = summary(renderTimes);

  console.log(`\nthrough the API (${IN_FLIGHT} renders in flight for ${SECONDS} s, the demo report, ${pages} pages):`);
  console.log(`  renders done ${renders.n}, failed ${failed}; request to done: median ${ms(renders.p50)}, p95 ${ms(renders.p95)}`);
  console.log(`  light requests while rendering (${loaded.n}): p50 ${ms(loaded.p50)}, p99 ${ms(loaded.p99)}, max ${ms(loaded.max)}, statuses ${JSON.stringify(loaded.statuses)}`);
  console.log(`  light requests with nothing rendering (${idle.n}): p50 ${ms(idle.p50)}, p99 ${ms(idle.p99)}, max ${ms(idle.max)}`);
  console.log(`  load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  if (api) await stopProcess(api.child);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
