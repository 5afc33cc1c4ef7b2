#!/usr/bin/env node
// Crash test: every acknowledged submission is kept exactly once, with its answer rows, through
// crashes of the API and of PostgreSQL.
//
// It runs a PostgreSQL of its own (initdb in a temporary folder, so it can be stopped hard
// without touching anyone else's server) and the built API on it. Respondents on localhost send
// complete submissions, partial ones followed by the complete answers, and partial ones they
// abandon, keeping a ledger of every acknowledged id; like a browser, they retry with the same id
// after a network error or a 5xx. Meanwhile the API is killed with SIGKILL at random moments and
// restarted, and PostgreSQL is once stopped in immediate mode (no shutdown checkpoint: a crash as
// far as the data is concerned) and started again. Afterwards every acknowledged submission must
// exist exactly once with all its answer rows, no submission may lack its answer rows, and no
// abandoned partial may count as submitted.
//
// Usage: npm run test:faults [-- --duration 60 --clients 16 --kills 4]
// PG_BIN names the folder of initdb and pg_ctl (default: the newest /usr/lib/postgresql/*/bin).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_LOGIN, client, collectingEvaluation, freePort, startApi, stopProcess } from './lib/harness.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    clients: { type: 'string', default: '16' },
    kills: { type: 'string', default: '4' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  },
});
const DURATION_S = Math.min(300, Number(args.duration));
const CLIENTS = Math.min(64, Number(args.clients));
const KILLS = Math.min(20, Number(args.kills));
const REQUEST_TIMEOUT_MS = 15_000;
/** After the load, clients still retrying get this long to be answered. */
const GRACE_MS = 60_000;

const { compileQuestionnaire, normaliseAnswers } = await import('../dist/libs/domain/src/index.js');
const { socleCommun } = await import('../dist/apps/api/src/modules/frameworks/default-frameworks.js');
const { demoSurveyData, seededRandom } = await import('../dist/apps/api/src/modules/demo/demo-answers.js');

const random = seededRandom(Number(args.seed));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (message) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
const started = performance.now();

// --- A PostgreSQL of our own -------------------------------------------------------------------

function postgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error('no PostgreSQL server binaries found: install postgresql, or set PG_BIN to the folder of initdb and pg_ctl');
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

const bin = postgresBin();
const folder = mkdtempSync(join(tmpdir(), 'regards-faults-'));
const dataDir = join(folder, 'data');
// PostgreSQL refuses to run as root: then its files and processes belong to the postgres user.
const asRoot = process.getuid?.() === 0;
if (asRoot) {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  chownSync(folder, uid, gid);
}
function pgTool(tool, toolArgs) {
  const command = asRoot ? 'runuser' : join(bin, tool);
  const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...toolArgs] : toolArgs;
  const result = spawnSync(command, full, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} ${toolArgs.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}
const pgPort = await freePort();
pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
const startPostgres = () =>
  pgTool('pg_ctl', ['-D', dataDir, '-l', join(folder, 'postgres.log'), '-w', '-t', '60', '-o', `-p ${pgPort} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=60`, 'start']);
const stopPostgres = (mode) => pgTool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
startPostgres();
const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/regards`;
{
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE regards');
  await admin.end();
}

// --- The API, restarted when it dies -----------------------------------------------------------

const apiPort = await freePort();
const apiEnv = { DATABASE_URL: databaseUrl, DEMO_SEED: 'true', DB_POOL_SIZE: '10' };
// The API's own log goes to a file, shown when the test fails.
const apiLog = join(folder, 'api.log');
const apiOut = openSync(apiLog, 'a');
const apiStdio = ['ignore', apiOut, apiOut];
let api = (await startApi({ port: apiPort, env: apiEnv, stdio: apiStdio })).child;
const base = `http://127.0.0.1:${apiPort}`;
let killed = 0;
let unexpectedExits = 0;
let postgresStops = 0;

async function restartApi() {
  for (let attempt = 1; ; attempt += 1) {
    try {
      api = (await startApi({ port: apiPort, env: apiEnv, stdio: apiStdio })).child;
      watch(api);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(1000);
    }
  }
}
let restarting = Promise.resolve();
function watch(child) {
  child.once('exit', (code, signal) => {
    if (child.killedByTest) return;
    unexpectedExits += 1;
    log(`the API exited by itself (code ${code}, signal ${signal}): restarting it`);
    restarting = restarting.then(restartApi);
  });
}
watch(api);

// --- The evaluation and the answers ------------------------------------------------------------

const facilitator = client(base);
await facilitator.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
const { evaluation, path } = await collectingEvaluation(facilitator, {
  title: 'Essai de pannes',
  groups: [{ groupKey: 'volunteers', expectedCount: 100000, anonymity: 'anonymous' }],
});
const [link] = await facilitator.send('POST', `${path}/links`, { groupKey: 'volunteers', kind: 'shared' });
const content = socleCommun();
const questionnaire = compileQuestionnaire({ version: { content }, dimensionKeys: evaluation.dimensionKeys, customQuestions: [], group: 'volunteers', locale: 'fr' });

/** A complete answer set and a valid beginning of it (the first answers, as after a page or two). */
function answerSet() {
  const data = demoSurveyData(questionnaire, content, random);
  const complete = normaliseAnswers(questionnaire, data);
  if (!complete.ok) throw new Error(`generated answers are invalid: ${JSON.stringify(complete.errors)}`);
  const partial = {};
  let partialRows = 0;
  for (const [key, value] of Object.entries(data)) {
    const attempt = normaliseAnswers(questionnaire, { ...partial, [key]: value }, { checkRequired: false });
    if (!attempt.ok) continue;
    partial[key] = value;
    partialRows = attempt.answers.length;
    if (Object.keys(partial).length >= 3) break;
  }
  return { complete: data, completeRows: complete.answers.length, partial, partialRows };
}
const answerSets = Array.from({ length: 100 }, answerSet);

const respondent = client(base);
await respondent.init();
const headers = { 'content-type': 'application/json', cookie: respondent.cookieHeader(), 'x-csrf-token': respondent.csrf };

// --- The load, with its ledger -----------------------------------------------------------------

const ledger = new Map();
const totals = { sent: 0, acknowledged: 0, retried: 0, refused: 0, unanswered: 0, unavailable: 0, serverErrors: 0 };
const loadEnds = Date.now() + DURATION_S * 1000;
const giveUpAt = loadEnds + GRACE_MS;

/** One save, retried with the same id and body until it is answered (or the test runs out of time). */
async function save(id, body) {
  totals.sent += 1;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) {
      totals.retried += 1;
      await sleep(100 + Math.floor(random() * 400));
    }
    if (Date.now() > giveUpAt) {
      totals.unanswered += 1;
      return false;
    }
    try {
      const res = await fetch(`${base}/api/v1/r/${link.token}/submissions/${id}`, { method: 'PUT', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const text = await res.text();
      if (res.status === 503) totals.unavailable += 1;
      else if (res.status >= 500) {
        totals.serverErrors += 1;
        if (totals.serverErrors <= 3) log(`server error: ${res.status} ${text.slice(0, 300)}`);
      }
      if (res.status >= 500) continue;
      if (res.ok) {
        totals.acknowledged += 1;
        return true;
      }
      totals.refused += 1;
      if (totals.refused <= 3) log(`refused: ${res.status} ${text.slice(0, 300)}`);
      return false;
    } catch {
      // connection refused or reset, timeout: the API is down or restarting
    }
  }
}

async function respondentLoop() {
  while (Date.now() < loadEnds) {
    const id = randomUUID();
    const set = answerSets[Math.floor(random() * answerSets.length)];
    const roll = random();
    const entry = { set, partialAcked: false, completeAcked: false, completeSent: false };
    ledger.set(id, entry);
    if (roll < 0.35) {
      entry.partialAcked = await save(id, JSON.stringify({ data: set.partial, locale: 'fr', complete: false }));
      // A third of these people stop there (an abandoned partial); the others finish.
      if (roll < 0.12 || !entry.partialAcked) continue;
    }
    entry.completeSent = true;
    entry.completeAcked = await save(id, JSON.stringify({ data: set.complete, locale: 'fr', complete: true }));
  }
}

async function chaos() {
  const stopAt = 1 + Math.floor(random() * Math.max(1, KILLS - 1));
  const slot = (DURATION_S * 1000 * 0.85) / (KILLS + 1);
  for (let k = 0; k < KILLS; k += 1) {
    await sleep(slot * (0.5 + random()));
    if (Date.now() > loadEnds - 2000) break;
    await restarting;
    api.killedByTest = true;
    await stopProcess(api, 'SIGKILL');
    killed += 1;
    log(`API killed with SIGKILL (${killed})`);
    await sleep(200 + Math.floor(random() * 800));
    await restartApi();
    log('API restarted');
    if (k + 1 === stopAt) {
      await sleep(500 + Math.floor(random() * 1500));
      stopPostgres('immediate');
      postgresStops += 1;
      log('PostgreSQL stopped in immediate mode');
      await sleep(1000 + Math.floor(random() * 1000));
      startPostgres();
      log('PostgreSQL started again (crash recovery)');
    }
  }
}

let failed;
try {
  log(`load: ${CLIENTS} respondents for ${DURATION_S} s, ${KILLS} kills of the API, one immediate stop of PostgreSQL (seed ${args.seed})`);
  await Promise.all([chaos(), ...Array.from({ length: CLIENTS }, respondentLoop)]);
  await restarting;

  // --- The audit of the ledger against the database -------------------------------------------

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(
    `SELECT s.client_id, s.status, count(a.id)::int AS answer_rows, (s.data = '{}'::jsonb) AS empty
       FROM submission s LEFT JOIN answer a ON a.submission_id = s.id
      WHERE s.evaluation_id = $1
      GROUP BY s.id`,
    [evaluation.id],
  );
  const duplicateIds = (await db.query(`SELECT client_id FROM submission WHERE evaluation_id = $1 GROUP BY client_id HAVING count(*) > 1`, [evaluation.id])).rows;
  await db.end();
  const stored = new Map(rows.map((row) => [row.client_id, row]));
  let found = 0;
  let lost = 0;
  let duplicated = duplicateIds.length;
  let partialCounted = 0;
  const problems = [];
  for (const [id, entry] of ledger) {
    const row = stored.get(id);
    if (entry.completeAcked) {
      if (row && row.status === 'submitted' && row.answer_rows === entry.set.completeRows) found += 1;
      else {
        lost += 1;
        problems.push(`${id}: acknowledged as submitted with ${entry.set.completeRows} answer rows, found ${row ? `${row.status} with ${row.answer_rows}` : 'nothing'}`);
      }
      if (row && row.answer_rows > entry.set.completeRows) duplicated += 1;
    } else if (entry.partialAcked) {
      // Acknowledged as partial; the complete answers were not sent, or sent without an answer.
      const asPartial = row && row.status === 'partial' && row.answer_rows === entry.set.partialRows;
      const asComplete = row && entry.completeSent && row.status === 'submitted' && row.answer_rows === entry.set.completeRows;
      if (asPartial || asComplete) found += 1;
      else {
        lost += 1;
        problems.push(`${id}: acknowledged as partial, found ${row ? `${row.status} with ${row.answer_rows} answer rows` : 'nothing'}`);
      }
      if (!entry.completeSent && row?.status === 'submitted') partialCounted += 1;
    }
  }
  const answerless = rows.filter((row) => row.answer_rows === 0 && !row.empty).length;
  const acknowledgedIds = [...ledger.values()].filter((e) => e.completeAcked || e.partialAcked).length;

  console.log('');
  console.log(`API killed ${killed} times (SIGKILL), exited by itself ${unexpectedExits} times; PostgreSQL stopped in immediate mode ${postgresStops} time(s)`);
  console.log(
    `sent ${totals.sent}, acknowledged ${totals.acknowledged} (${acknowledgedIds} submissions), retried ${totals.retried}, refused ${totals.refused}, unanswered ${totals.unanswered}`,
  );
  console.log(`answers 503 (database unavailable, retried) ${totals.unavailable}, other 5xx ${totals.serverErrors}`);
  console.log(`found ${found}, lost ${lost}, duplicated ${duplicated}, partial counted as submitted ${partialCounted}, submissions without answer rows ${answerless}`);
  for (const problem of problems.slice(0, 10)) console.log(`  ${problem}`);
  failed = lost > 0 || duplicated > 0 || partialCounted > 0 || answerless > 0 || totals.refused > 0 || killed < Math.min(KILLS, 1) || postgresStops < 1 || found === 0;
  if (failed) {
    console.log('\nFAILED; the end of the API log:');
    console.log(readFileSync(apiLog, 'utf8').split('\n').slice(-40).join('\n'));
  } else {
    console.log('\nnothing lost, nothing duplicated');
  }
} finally {
  api.killedByTest = true;
  await stopProcess(api);
  try {
    stopPostgres('fast');
  } catch (error) {
    console.error(error.message);
  }
  rmSync(folder, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
