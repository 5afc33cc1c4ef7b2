#!/usr/bin/env node
// Time of the analysis dashboard's whole payload on real PostgreSQL: the built API on its own
// fresh database of a local PostgreSQL; a published framework of 60 questions asked of 7 groups;
// an evaluation whose submissions and answer rows are generated in SQL (generate_series, values
// of the right kind for each question); GET …/analysis timed over HTTP (warm-up, then median and
// p95), and in the same run a minimal hand-written SQL aggregation of the same data (per
// question × group: n, mean, median by percentile_cont, distribution) on a bare `pg` client,
// with the server's settings and with those the API gives its own aggregations (work_mem 64MB,
// no JIT). Then the API's two counting statements alone, and the payload again once PostgreSQL
// has extended statistics on the grouped columns of `answer`.
//
// Usage: npm run bench:analysis [-- --sizes 10000,100000 --runs 15 --warmup 3 --budget 60]
// Each measurement stops after --runs runs or --budget seconds (at least 3 runs).
// BENCH_ROOT: the folder holding the built server (dist/) and package.json (default: this repo).
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the
// benchmark creates and drops its own database there (--keep leaves it, to inspect).
import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { assertLocal, client, freePort, waitReady } from './lib/harness.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    budget: { type: 'string', default: '60' },
    keep: { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0 && n <= 1_000_000)
  .sort((a, b) => a - b);
const RUNS = Math.max(1, Math.min(100, Number(args.runs)));
const WARMUP = Math.max(0, Math.min(20, Number(args.warmup)));
const BUDGET_MS = Math.max(5, Math.min(600, Number(args.budget))) * 1000;
const ROOT = resolve(process.env.BENCH_ROOT ?? join(import.meta.dirname, '..'));
const PASSWORD = 'bench-analysis-password-2026';
const EMAIL = 'bench-analysis@regards.local';

/** Seven groups; the partners stay under k (4 submissions whatever the size), so suppression has work to do. */
const GROUPS = ['self_assessment', 'staff', 'volunteers', 'board', 'beneficiaries', 'local_officials', 'partners'];
const SMALL_GROUP = { groupKey: 'partners', submissions: 4 };
const QUESTIONS = 60;
const DIMENSIONS = 7;
/** The mix of kinds, cycled over the 60 questions. */
const KINDS = ['scale', 'scale', 'yes_no', 'scale', 'single_choice', 'scale', 'multiple_choice', 'scale', 'quantity', 'scale', 'yes_no', 'text'];
const CHOICES = ['a', 'b', 'c', 'd', 'e'];

const adminUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
assertLocal(adminUrl, 'bench:analysis');
const dbName = `regards_bench_analysis_${Date.now()}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;

const { AGGREGATION_SETTINGS, countPlan, VALUE_COUNTS_SQL, SCOPE_COUNTS_SQL, WORD_BITS } = await import(join(ROOT, 'dist/apps/api/src/modules/analysis/analysis-counts.query.js'));
/** Extended statistics the benchmark tries at the end of each size (the counting statements group by these columns). */
const STATISTICS = 'bench_answer_value_groups';

/** A valid framework: 60 indicators with one question each, asked of every group, over 7 dimensions. */
function benchFramework() {
  const fr = (text) => ({ fr: text, en: text });
  const indicators = Array.from({ length: QUESTIONS }, (_, i) => {
    const kind = KINDS[i % KINDS.length];
    const key = `i${String(i + 1).padStart(2, '0')}_${kind}`;
    const base = {
      key,
      title: fr(`Indicateur ${i + 1}`),
      level: 'resultat',
      questions: [{ key: `q_${key}`, audiences: GROUPS, wording: Object.fromEntries(GROUPS.map((g) => [g, fr(`Question ${i + 1} (${g})`)])), required: false }],
    };
    const choices = CHOICES.map((value) => ({ value, label: fr(value.toUpperCase()) }));
    switch (kind) {
      case 'scale':
        return { ...base, kind, scale: { min: 1, max: 5 }, scoring: { rule: 'linear', reverse: false }, dontKnow: i % 2 === 0 ? 'excluded' : 'not_offered' };
      case 'yes_no':
        return { ...base, kind, scoring: { rule: 'yes_no', yes: 100, no: 0 }, dontKnow: 'counted_as_zero' };
      case 'single_choice':
        return { ...base, kind, choices, scoring: { rule: 'weights', weights: { a: 0, b: 25, c: 50, d: 75, e: 100 } }, dontKnow: 'excluded' };
      case 'multiple_choice':
        return { ...base, kind, choices, scoring: { rule: 'weighted_share', weights: { a: 1, b: 1, c: 2, d: 2, e: 4 } }, dontKnow: 'not_offered' };
      case 'quantity':
        return { ...base, kind, quantity: { min: 0, max: 1000, integer: true }, scoring: { rule: 'target', baseline: 0, target: 40 }, dontKnow: 'not_offered' };
      default:
        return { ...base, kind: 'text', text: { maxLength: 2000 }, scoring: { rule: 'none' }, dontKnow: 'not_offered' };
    }
  });
  const perDimension = Math.ceil(QUESTIONS / DIMENSIONS);
  return {
    formatVersion: 1,
    title: fr('Banc d’essai de l’analyse'),
    dimensions: Array.from({ length: DIMENSIONS }, (_, d) => ({
      key: `dimension_${d + 1}`,
      title: fr(`Dimension ${d + 1}`),
      criteria: [{ key: `critere_${d + 1}`, title: fr(`Critère ${d + 1}`), indicators: indicators.slice(d * perDimension, (d + 1) * perDimension) }],
    })).filter((d) => d.criteria[0].indicators.length > 0),
  };
}

/**
 * Submissions of one evaluation, numbered from `from` to `to`: mostly submitted, 2 % partial,
 * 1 % excluded (neither counts); the partners' group gets its few submissions first.
 */
const SEED_SUBMISSIONS = `
  INSERT INTO submission (id, workspace_id, evaluation_id, group_key, client_id, channel, status, locale, data, started_at, updated_at, submitted_at, excluded_at, exclusion_reason)
  SELECT gen_random_uuid(), $1, $2, g.group_key, gen_random_uuid(), 'shared', g.status, 'fr', '{}'::jsonb, now(), now(),
         CASE WHEN g.status = 'submitted' THEN now() END,
         CASE WHEN g.status = 'submitted' AND g.i % 100 = 7 THEN now() END,
         CASE WHEN g.status = 'submitted' AND g.i % 100 = 7 THEN 'doublon' END
    FROM (SELECT i,
                 CASE WHEN i <= $5 THEN $6::text ELSE ($4::text[])[1 + i % cardinality($4::text[])] END AS group_key,
                 CASE WHEN i % 50 = 3 THEN 'partial' ELSE 'submitted' END AS status
            FROM generate_series($3::int, $7::int) AS i) g`;

/**
 * Their answer rows (part 'answer', and a "pourquoi ?" text on some scale answers): each question
 * left blank 5 % of the time; "je ne sais pas" 5 % where it is offered; values by kind; a multiple
 * choice gives one row per chosen value.
 */
const SEED_ANSWERS = `
  WITH q AS (
    SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::boolean[]) AS q(question_key, indicator_key, kind, dont_know_offered)
  ), base AS (
    SELECT s.id AS submission_id, s.group_key, q.*, random() AS r, random() AS v
      FROM submission s CROSS JOIN q
     WHERE s.evaluation_id = $2 AND NOT EXISTS (SELECT 1 FROM answer a WHERE a.submission_id = s.id)
  ), answered AS (
    SELECT * FROM base WHERE r >= 0.05
  )
  INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
  SELECT submission_id, $1::uuid, $2::uuid, group_key, question_key, indicator_key, 'answer', NULL, NULL, NULL, true
    FROM answered WHERE dont_know_offered AND r < 0.10
  UNION ALL
  SELECT submission_id, $1::uuid, $2::uuid, group_key, question_key, indicator_key, 'answer',
         CASE kind WHEN 'scale' THEN 1 + floor(v * 5) WHEN 'quantity' THEN floor(v * v * 80) END,
         CASE kind WHEN 'yes_no' THEN CASE WHEN v < 0.6 THEN 'yes' ELSE 'no' END
                   WHEN 'single_choice' THEN ($7::text[])[1 + floor(v * 5)::int] END,
         CASE kind WHEN 'text' THEN 'Une réponse libre, numéro ' || floor(v * 100000)::int END,
         false
    FROM answered WHERE kind <> 'multiple_choice' AND NOT (dont_know_offered AND r < 0.10)
  UNION ALL
  SELECT submission_id, $1::uuid, $2::uuid, group_key, question_key, indicator_key, 'answer', NULL, c.choice, NULL, false
    FROM answered CROSS JOIN LATERAL unnest($7::text[]) WITH ORDINALITY AS c(choice, n)
   WHERE kind = 'multiple_choice' AND (c.n = 1 + floor(v * 5) OR random() < 0.3)
  UNION ALL
  SELECT submission_id, $1::uuid, $2::uuid, group_key, question_key, indicator_key, 'why', NULL, NULL, 'Parce que… ' || floor(v * 1000)::int, false
    FROM answered WHERE kind = 'scale' AND v > 0.9`;

/**
 * The minimal aggregation a hand-written dashboard would run: per question × group, n, mean,
 * median and the distribution of values, over counted submissions only.
 */
const MINIMAL_SQL = `
  WITH rows AS MATERIALIZED (
    SELECT a.group_key, a.question_key, a.submission_id, a.numeric_value, coalesce(a.choice_value, a.numeric_value::text, CASE WHEN a.dont_know THEN 'dont_know' END) AS value
      FROM answer a JOIN submission s ON s.id = a.submission_id
     WHERE a.evaluation_id = $1 AND a.part = 'answer' AND a.text_value IS NULL
       AND s.status = 'submitted' AND s.excluded_at IS NULL
  ), stats AS (
    SELECT group_key, question_key, count(DISTINCT submission_id) AS n, avg(numeric_value) AS mean,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY numeric_value) AS median
      FROM rows GROUP BY group_key, question_key
  ), distribution AS (
    SELECT group_key, question_key, json_object_agg(value, count) AS distribution
      FROM (SELECT group_key, question_key, value, count(*) AS count FROM rows GROUP BY 1, 2, 3) v
     GROUP BY group_key, question_key
  )
  SELECT s.group_key, s.question_key, s.n, s.mean, s.median, d.distribution
    FROM stats s JOIN distribution d USING (group_key, question_key)`;

/** Warm-up runs, then timed runs of `fn` (`RUNS`, or fewer when the budget is spent, never fewer than 3); milliseconds. */
async function timed(fn) {
  const start = performance.now();
  for (let i = 0; i < WARMUP && performance.now() - start < BUDGET_MS / 3; i += 1) await fn();
  const times = [];
  const t1 = performance.now();
  while (times.length < RUNS && (times.length < 3 || performance.now() - t1 < BUDGET_MS)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  return { median: at(50), p95: at(95), min: times[0], runs: times.length };
}

const ms = (n) => `${n.toFixed(0)} ms`;
const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
let api;
const db = new pg.Client({ connectionString: benchUrl.toString() });
// Dropping the database at the end terminates its connections: expected, not an error.
db.on('error', () => {});
// Interrupted (Ctrl-C, timeout): stop the API and drop the database before leaving.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (api && api.exitCode === null) api.kill('SIGTERM');
    const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
    cleanup
      .connect()
      .then(() => (args.keep ? undefined : cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)))
      .finally(() => process.exit(130));
  });
}
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
  api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: ROOT, env: { ...env, PORT: String(port), PUBLIC_URL: base }, stdio: ['ignore', 'inherit', 'inherit'] });
  await waitReady(base, api);
  await db.connect();

  // Set-up through the API: the framework, published; an organization; an evaluation with 7 groups, collecting.
  const facilitator = client(base);
  await facilitator.login(EMAIL, PASSWORD);
  const [workspace] = (await facilitator.request('GET', '/workspaces')).body;
  const w = `/workspaces/${workspace.id}`;
  const content = benchFramework();
  const framework = (await facilitator.request('POST', `${w}/frameworks`, { name: 'Banc d’essai de l’analyse', content })).body;
  const draft = framework.versions.find((v) => v.status === 'draft');
  await facilitator.send('POST', `${w}/frameworks/${framework.id}/versions/${draft.id}/publish`, {});
  const organization = (await facilitator.request('POST', `${w}/organizations`, { name: 'La Ressourcerie du Vallon' })).body;
  const evaluationBase = `${w}/organizations/${organization.id}/evaluations`;
  const evaluation = (
    await facilitator.request('POST', evaluationBase, {
      title: 'Évaluation volumineuse 2026',
      frameworkVersionId: draft.id,
      opensAt: '2026-05-01T00:00:00Z',
      closesAt: '2026-07-01T00:00:00Z',
      groups: GROUPS.filter((g) => g !== 'self_assessment').map((groupKey) => ({ groupKey, expectedCount: 2000, anonymity: 'anonymous' })),
    })
  ).body;
  await facilitator.send('POST', `${evaluationBase}/${evaluation.id}/transitions`, { to: 'collecting' });
  const analysisPath = `${evaluationBase}/${evaluation.id}/analysis`;

  const questions = content.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators));
  const questionColumns = [
    questions.map((i) => i.questions[0].key),
    questions.map((i) => i.key),
    questions.map((i) => i.kind),
    questions.map((i) => i.dontKnow !== 'not_offered'),
  ];
  await db.query(`SELECT setseed(0.2026)`);

  let count = 0;
  // The API's own counting statements, as it runs them: two connections at once, each in a transaction with its settings.
  const db2 = new pg.Client({ connectionString: benchUrl.toString() });
  db2.on('error', () => {});
  await db2.connect();
  const structure = { content, dimensionKeys: evaluation.dimensionKeys, customQuestions: [], groups: [], k: 5 };
  const plan = countPlan(structure);
  const scopeParams = [
    workspace.id,
    evaluation.id,
    plan.masks.questionKeys,
    plan.masks.words,
    plan.masks.masks,
    plan.scopes.map((_, i) => Math.floor(i / WORD_BITS)),
    plan.scopes.map((_, i) => i % WORD_BITS),
  ];
  const withSettings = async (client, sql, params) => {
    await client.query(`BEGIN; ${AGGREGATION_SETTINGS}`);
    try {
      return await client.query(sql, params);
    } finally {
      await client.query('COMMIT');
    }
  };
  const countsAlone = () => Promise.all([withSettings(db, VALUE_COUNTS_SQL, [workspace.id, evaluation.id]), withSettings(db2, SCOPE_COUNTS_SQL, scopeParams)]);

  const results = [];
  try {
    for (const size of SIZES) {
      const t0 = performance.now();
      const others = GROUPS.filter((g) => g !== SMALL_GROUP.groupKey);
      await db.query(`DROP STATISTICS IF EXISTS ${STATISTICS}`);
      await db.query(SEED_SUBMISSIONS, [workspace.id, evaluation.id, count + 1, others, SMALL_GROUP.submissions, SMALL_GROUP.groupKey, size]);
      await db.query(SEED_ANSWERS, [workspace.id, evaluation.id, ...questionColumns, CHOICES]);
      await db.query('ANALYZE submission; ANALYZE answer');
      count = size;
      const { rows: answerRows } = await db.query(`SELECT count(*)::int AS n FROM answer WHERE evaluation_id = $1 AND part = 'answer'`, [evaluation.id]);
      console.log(`${size} submissions, ${answerRows[0].n} answer rows (part 'answer') stored in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${loadavg()[0].toFixed(1)}`);

      let bytes = 0;
      const payload = await timed(async () => {
        bytes = (await facilitator.request('GET', analysisPath)).bytes;
      });
      console.log(`  dashboard payload over HTTP: median ${ms(payload.median)}, p95 ${ms(payload.p95)} (${payload.runs} runs, ${(bytes / 1024).toFixed(0)} KiB)`);
      const counts = await timed(countsAlone);
      console.log(`  the API's counting statements alone: median ${ms(counts.median)}, p95 ${ms(counts.p95)}`);
      const minimalTuned = await timed(() => withSettings(db, MINIMAL_SQL, [evaluation.id]));
      console.log(`  minimal SQL with the API's settings: median ${ms(minimalTuned.median)}, p95 ${ms(minimalTuned.p95)}`);
      const minimal = await timed(() => db.query(MINIMAL_SQL, [evaluation.id]));
      console.log(`  minimal SQL with the server's settings: median ${ms(minimal.median)}, p95 ${ms(minimal.p95)}`);

      await db.query(`CREATE STATISTICS ${STATISTICS} (ndistinct) ON group_key, question_key, numeric_value, choice_value, dont_know FROM answer`);
      await db.query('ANALYZE answer');
      const payloadWithStatistics = await timed(() => facilitator.send('GET', analysisPath));
      console.log(`  payload once answer has extended statistics: median ${ms(payloadWithStatistics.median)}, p95 ${ms(payloadWithStatistics.p95)}`);
      results.push({ size, rows: answerRows[0].n, payload, counts, minimalTuned, minimal, payloadWithStatistics });
      console.log(`  ratio payload / minimal SQL (same settings): ${(payload.median / minimalTuned.median).toFixed(2)}; load average ${loadavg()[0].toFixed(1)}`);
    }
  } finally {
    await db2.end().catch(() => {});
  }

  console.log(`\nmedians in ms; ${WARMUP} warm-up runs, then up to ${RUNS} timed runs (or ${BUDGET_MS / 1000} s) each`);
  console.log(
    '| submissions | answer rows | payload | payload p95 | counting SQL | minimal SQL (API settings) | minimal SQL (server settings) | payload / minimal (API settings) | payload with extended statistics |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const cells = [r.size, r.rows, r.payload.median, r.payload.p95, r.counts.median, r.minimalTuned.median, r.minimal.median];
    console.log(
      `| ${cells.map((c) => (Number.isInteger(c) ? c : c.toFixed(0))).join(' | ')} | ${(r.payload.median / r.minimalTuned.median).toFixed(2)} | ${r.payloadWithStatistics.median.toFixed(0)} |`,
    );
  }
} finally {
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
  await db.end().catch(() => {});
  if (args.keep) console.log(`database kept: ${benchUrl.toString()}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
