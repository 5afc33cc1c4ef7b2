#!/usr/bin/env node
// Memory of a streamed export as the number of submissions grows: the built API on its own fresh
// database of a local PostgreSQL; submissions of the socle commun (filled through survey-core,
// normalised, then copied by SQL) for four groups; each size exported as CSV and XLSX while the
// API's resident memory (VmRSS) is sampled every 10 ms. Then one slow download per format: the
// client stops reading for a few seconds, and the API must neither read on nor grow meanwhile.
//
// Usage: node scripts/bench-export.mjs [--sizes 20000,100000] [--pause 5]
// BENCH_ROOT: the folder holding the built server (dist/) and package.json (default: this repo).
// BENCH_API_NODE_ARGS: extra node flags for the API, e.g. "--max-old-space-size=64" to show the
// export fits in a heap far smaller than its data.
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the
// benchmark creates and drops its own database there.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Model } from 'survey-core';
import { assertLocal, client, freePort, stopProcess, waitReady } from './lib/harness.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20000,100000' },
    pause: { type: 'string', default: '5' },
    templates: { type: 'string', default: '50' },
  },
});
const SIZES = args.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= 1_000_000).sort((a, b) => a - b);
// The slow and the giving-up clients stop after the first MiB: the largest export must be larger.
if (SIZES.length === 0 || SIZES[SIZES.length - 1] < 5000) throw new Error('--sizes: give sizes up to 1,000,000, the largest at least 5000 (an export over 1 MiB)');
const PAUSE_SECONDS = Math.min(60, Number(args.pause));
const TEMPLATES_PER_GROUP = Math.min(500, Number(args.templates));
const ROOT = resolve(process.env.BENCH_ROOT ?? join(import.meta.dirname, '..'));
const PASSWORD = 'bench-export-password-2026';
const EMAIL = 'bench-export@regards.local';
const GROUPS = [
  { groupKey: 'self_assessment', anonymity: 'confidential' },
  { groupKey: 'staff', anonymity: 'anonymous' },
  { groupKey: 'volunteers', anonymity: 'anonymous' },
  { groupKey: 'board', anonymity: 'named' },
];

const adminUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
assertLocal(adminUrl, 'bench:export');
const dbName = `regards_bench_export_${Date.now()}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;

const { normaliseAnswers } = await import(join(ROOT, 'dist/libs/domain/src/index.js'));
const { fillSurvey } = await import(join(ROOT, 'dist/libs/domain/src/fixtures/fill-survey.js'));
const { picker } = await import(join(ROOT, 'dist/libs/domain/src/fixtures/json-edit.js'));
const { ANSWERS_SQL, EXPORT_BATCH_SIZE, SUBMISSIONS_SQL } = await import(join(ROOT, 'dist/apps/api/src/modules/exports/exports.service.js'));

function rssMiB(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`process ${pid} has no resident memory any more (it exited)`);
  return Number(match[1]) / 1024;
}

/** Samples the API's resident memory every 10 ms until stopped; returns the peak in MiB. */
function sampleRss(pid) {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // The API exited (e.g. out of memory): the download fails and says so.
      clearInterval(timer);
    }
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMiB(pid));
    },
  };
}

const mib = (n) => n.toFixed(1);
const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
let api;
const pool = new pg.Pool({ connectionString: benchUrl.toString(), max: 4 });
// Dropping the database at the end terminates idle connections: expected, not an error.
pool.on('error', () => {});
try {
  const env = { ...process.env, DATABASE_URL: benchUrl.toString(), DEMO_SEED: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const created = spawnSync(process.execPath, ['dist/apps/api/src/cli/admin-create.js', '--email', EMAIL, '--workspace', 'Réseau du banc d’essai'], {
    cwd: ROOT,
    env: { ...env, REGARDS_ADMIN_PASSWORD: PASSWORD },
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`admin:create failed: ${created.stderr}${created.stdout}`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (nodeArgs.length > 0) console.log(`API started with ${nodeArgs.join(' ')}`);
  api = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], { cwd: ROOT, env: { ...env, PORT: String(port), PUBLIC_URL: base }, stdio: ['ignore', 'inherit', 'inherit'] });
  await waitReady(base, api);

  const facilitator = client(base);
  await facilitator.login(EMAIL, PASSWORD);
  const [workspace] = await facilitator.send('GET', '/workspaces');
  const w = `/workspaces/${workspace.id}`;
  const organization = await facilitator.send('POST', `${w}/organizations`, { name: 'La Ressourcerie du Vallon' });
  const frameworks = await facilitator.send('GET', `${w}/frameworks`);
  const versionId = frameworks.find((f) => f.builtinKey === 'socle-commun').latestPublished.id;
  const evaluationBase = `${w}/organizations/${organization.id}/evaluations`;
  const createEvaluation = async (title) => {
    const evaluation = await facilitator.send('POST', evaluationBase, {
      title,
      frameworkVersionId: versionId,
      opensAt: '2026-05-01T00:00:00Z',
      closesAt: '2026-07-01T00:00:00Z',
      groups: GROUPS.map((g) => ({ ...g, expectedCount: 1000 })),
    });
    await facilitator.send('POST', `${evaluationBase}/${evaluation.id}/transitions`, { to: 'collecting' });
    return evaluation.id;
  };
  const templateId = await createEvaluation('Modèles de réponses');
  const evaluationId = await createEvaluation('Évaluation volumineuse 2026');

  // Templates: each group's questionnaire filled through survey-core, normalised, stored with its answer rows.
  let answerRows = 0;
  for (const { groupKey, anonymity } of GROUPS) {
    const questionnaire = await facilitator.send('GET', `${evaluationBase}/${templateId}/questionnaires/${groupKey}?locale=fr`);
    const model = new Model(questionnaire.survey);
    for (let n = 0; n < TEMPLATES_PER_GROUP; n += 1) {
      model.clear(true, true);
      fillSurvey(model, picker(Array.from({ length: 32 }, (_, i) => (n * 7919 + i * 104729 + groupKey.length) % 9973)));
      const data = JSON.parse(JSON.stringify(model.data));
      const result = normaliseAnswers(questionnaire, data);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      answerRows += result.answers.length;
      const { rows } = await pool.query(
        `INSERT INTO submission (workspace_id, evaluation_id, group_key, client_id, channel, status, locale, data, respondent_name, started_at, updated_at, submitted_at)
         VALUES ($1, $2, $3, gen_random_uuid(), 'shared', 'submitted', 'fr', $4, $5, now(), now(), now()) RETURNING id`,
        [workspace.id, templateId, groupKey, JSON.stringify(data), anonymity === 'anonymous' ? null : `Personne ${n}`],
      );
      await pool.query(
        `INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
         SELECT $1, $2, $3, $4, r."questionKey", r."indicatorKey", r.part, r."numericValue", r."choiceValue", r."textValue", r."dontKnow"
           FROM jsonb_to_recordset($5::jsonb) AS r("questionKey" text, "indicatorKey" text, part text, "numericValue" float8, "choiceValue" text, "textValue" text, "dontKnow" boolean)`,
        [rows[0].id, workspace.id, templateId, groupKey, JSON.stringify(result.answers)],
      );
    }
  }
  const templates = GROUPS.length * TEMPLATES_PER_GROUP;
  console.log(`templates: ${templates} submissions, ${(answerRows / templates).toFixed(1)} answer rows each on average`);

  /** Copies templates into the evaluation until it holds `target` submitted submissions (anonymous ones dated to the day, as stored). */
  let count = 0;
  const grow = async (target) => {
    const copies = Math.ceil((target - count) / templates);
    if (copies <= 0) return;
    await pool.query(
      `WITH plan AS MATERIALIZED (
         SELECT gen_random_uuid() AS new_id, t.id AS template_id, g
           FROM submission t CROSS JOIN generate_series(1, $3::int) AS g
          WHERE t.evaluation_id = $1
          ORDER BY g, t.id
          LIMIT $4),
       s AS (
         INSERT INTO submission (id, workspace_id, evaluation_id, group_key, client_id, channel, status, locale, data, respondent_name, started_at, updated_at, submitted_at)
         SELECT p.new_id, t.workspace_id, $2, t.group_key, gen_random_uuid(), t.channel, 'submitted', t.locale, t.data, t.respondent_name, now(), now(),
                CASE WHEN t.group_key IN ('staff', 'volunteers')
                     THEN date_trunc('day', timestamptz '2026-05-02 00:00:00+00' + (hashtext(p.new_id::text) & 1023) * interval '1 hour')
                     ELSE timestamptz '2026-05-02 00:00:00+00' + (hashtext(p.new_id::text) & 1048575) * interval '1 second' END
           FROM plan p JOIN submission t ON t.id = p.template_id),
       a AS (
         INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
         SELECT p.new_id, a.workspace_id, $2, a.group_key, a.question_key, a.indicator_key, a.part, a.numeric_value, a.choice_value, a.text_value, a.dont_know
           FROM plan p JOIN answer a ON a.submission_id = p.template_id)
       SELECT count(*) FROM plan`,
      [templateId, evaluationId, copies, target - count],
    );
    count = target;
    await pool.query('ANALYZE submission; ANALYZE answer');
  };

  const exportPath = (format) => `${base}/api/v1${evaluationBase}/${evaluationId}/exports/submissions.${format}?locale=fr`;
  const auditedRows = async () =>
    (await pool.query(`SELECT data FROM audit_event WHERE action = 'evaluation.exported' AND target_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [evaluationId])).rows[0]
      ?.data;

  /** Downloads an export, optionally stopping to read for a while after the first MiB; returns sizes, times and the API's memory. */
  const download = async (format, pauseSeconds = 0) => {
    await new Promise((r) => setTimeout(r, 500));
    const before = rssMiB(api.pid);
    const sampler = sampleRss(api.pid);
    const t0 = performance.now();
    const res = await fetch(exportPath(format), { headers: { cookie: facilitator.cookieHeader() } });
    if (!res.ok) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
    const reader = res.body.getReader();
    let bytes = 0;
    let paused;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      if (pauseSeconds > 0 && !paused && bytes > 1024 * 1024) {
        const auditBefore = await auditedRows();
        const rssAtPause = rssMiB(api.pid);
        await new Promise((r) => setTimeout(r, pauseSeconds * 1000));
        paused = { rssAtPause, rssAfterPause: rssMiB(api.pid), finishedDuringPause: JSON.stringify(await auditedRows()) !== JSON.stringify(auditBefore) };
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const peak = sampler.stop();
    const audit = await auditedRows();
    return { format, bytes, seconds, before, peak, rows: audit.rowCount, completed: audit.completed, paused };
  };

  const results = [];
  for (const size of SIZES) {
    const t0 = performance.now();
    await grow(size);
    console.log(`${size} submissions stored (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    for (const format of ['csv', 'xlsx']) {
      const r = await download(format);
      if (r.rows !== size || !r.completed) throw new Error(`export ${format} at ${size}: audited ${r.rows} rows, completed ${r.completed}`);
      results.push({ size, ...r });
      console.log(
        `  ${format.padEnd(4)} ${String(r.rows).padStart(7)} rows  ${mib(r.bytes / 1048576).padStart(7)} MiB in ${r.seconds.toFixed(1).padStart(5)} s  ` +
          `(${Math.round(r.rows / r.seconds)} rows/s)  API RSS before ${mib(r.before)} MiB, peak ${mib(r.peak)} MiB`,
      );
    }
  }
  const largest = SIZES[SIZES.length - 1];
  console.log(`slow client at ${largest} submissions: stops reading for ${PAUSE_SECONDS} s after the first MiB`);
  for (const format of ['csv', 'xlsx']) {
    const r = await download(format, PAUSE_SECONDS);
    if (r.rows !== largest || !r.completed) throw new Error(`slow export ${format}: audited ${r.rows} rows, completed ${r.completed}`);
    console.log(
      `  ${format.padEnd(4)} RSS when the client stopped ${mib(r.paused.rssAtPause)} MiB, ${PAUSE_SECONDS} s later ${mib(r.paused.rssAfterPause)} MiB; ` +
        `export finished meanwhile: ${r.paused.finishedDuringPause}; whole download peak ${mib(r.peak)} MiB in ${r.seconds.toFixed(1)} s`,
    );
  }
  console.log(`client giving up at ${largest} submissions: reads the first MiB, then closes the connection`);
  for (const format of ['csv', 'xlsx']) {
    const controller = new AbortController();
    const res = await fetch(exportPath(format), { headers: { cookie: facilitator.cookieHeader() }, signal: controller.signal });
    const reader = res.body.getReader();
    let bytes = 0;
    while (bytes < 1024 * 1024) bytes += (await reader.read()).value.length;
    controller.abort();
    await reader.cancel().catch(() => {});
    let audit;
    for (let i = 0; i < 100; i += 1) {
      audit = await auditedRows();
      if (audit.completed === false) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const healthy = (await fetch(base + '/api/v1/health/ready')).ok;
    console.log(`  ${format.padEnd(4)} audited as completed: ${audit.completed}, ${audit.rowCount} of ${largest} rows had been written; API ready afterwards: ${healthy}`);
  }

  // The database's share: the export's own queries over the whole evaluation (keyset pages in
  // the order of the index IDX_submission_evaluation_status_submitted).
  const t0 = performance.now();
  let after = { at: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
  let keysetRows = 0;
  for (;;) {
    const batch = (
      await pool.query(SUBMISSIONS_SQL, [workspace.id, evaluationId, GROUPS.map((g) => g.groupKey), ['board'], false, after.at, after.id, EXPORT_BATCH_SIZE])
    ).rows;
    if (batch.length === 0) break;
    await pool.query(ANSWERS_SQL, [workspace.id, batch.map((row) => row.id)]);
    keysetRows += batch.length;
    if (batch.length < EXPORT_BATCH_SIZE) break;
    after = { at: batch[batch.length - 1].cursor_at, id: batch[batch.length - 1].id };
  }
  console.log(`database share at ${largest}: the export's queries alone take ${((performance.now() - t0) / 1000).toFixed(1)} s (${keysetRows} rows)`);

  console.log('\n| submissions | format | size (MiB) | time (s) | rows/s | API RSS before (MiB) | API RSS peak (MiB) |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.size} | ${r.format} | ${mib(r.bytes / 1048576)} | ${r.seconds.toFixed(1)} | ${Math.round(r.rows / r.seconds)} | ${mib(r.before)} | ${mib(r.peak)} |`);
  }
} finally {
  if (api) await stopProcess(api);
  await pool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
