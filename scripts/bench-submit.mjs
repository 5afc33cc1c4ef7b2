#!/usr/bin/env node
// Submission throughput on real PostgreSQL: complete submissions of the socle commun sent to the
// running API (built server, its own fresh database) by autocannon at 32 connections, and, in
// the same run, the bare-database limit: the same writes done by a raw `pg` pool of 32 clients
// with the API's own SQL. Localhost only, bounded in time.
//
// Usage: npm run bench:submit [-- --duration 20 --connections 32]
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server and a
// database to connect to first; the benchmark creates and drops its own database there.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_LOGIN, assertLocal, client, collectingEvaluation, freePort, percentile, startApi, stopProcess } from './lib/harness.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    'pool-size': { type: 'string', default: '16' },
  },
});
const DURATION = Math.min(120, Number(args.duration));
const WARMUP = Math.min(60, Number(args.warmup));
const CONNECTIONS = Math.min(256, Number(args.connections));
const POOL_SIZE = Number(args['pool-size']);

const adminUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
assertLocal(adminUrl, 'bench:submit');
const dbName = `regards_bench_${Date.now()}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;

const { compileQuestionnaire, normaliseAnswers } = await import('../dist/libs/domain/src/index.js');
const { socleCommun } = await import('../dist/apps/api/src/modules/frameworks/default-frameworks.js');
const { demoSurveyData, seededRandom } = await import('../dist/apps/api/src/modules/demo/demo-answers.js');
const { SUBMISSION_WRITE } = await import('../dist/apps/api/src/modules/collection/submission-writes.js');

const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
let api;
let base;
try {
  ({ child: api, base } = await startApi({
    port: await freePort(),
    nodeArgs: (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
    env: { DATABASE_URL: benchUrl.toString(), DB_POOL_SIZE: String(POOL_SIZE), DEMO_SEED: 'true' },
  }));

  // Set-up through the API, as a facilitator would: an evaluation of a demo organization on the
  // socle commun, collecting, with one shared link for the volunteers (an anonymous group).
  const facilitator = client(base);
  await facilitator.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
  const { evaluation, path: e } = await collectingEvaluation(facilitator, {
    title: 'Banc d’essai',
    groups: [{ groupKey: 'volunteers', expectedCount: 100000, anonymity: 'anonymous' }],
  });
  const [link] = await facilitator.send('POST', `${e}/links`, { groupKey: 'volunteers', kind: 'shared' });

  // Complete answers as the demo generates them (valid by construction, varied).
  const content = socleCommun();
  const questionnaire = compileQuestionnaire({
    version: { content },
    dimensionKeys: evaluation.dimensionKeys,
    customQuestions: [],
    group: 'volunteers',
    locale: 'fr',
  });
  const random = seededRandom(2026);
  const datasets = Array.from({ length: 200 }, () => demoSurveyData(questionnaire, content, random));
  const bodies = datasets.map((data) => JSON.stringify({ data, locale: 'fr', complete: true }));
  const rowsPerSubmission = datasets.reduce((sum, data) => sum + normaliseAnswers(questionnaire, data).answers.length, 0) / datasets.length;

  const respondent = client(base);
  await respondent.init();
  const headers = {
    'content-type': 'application/json',
    cookie: [...respondent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    'x-csrf-token': respondent.csrf,
  };
  const acknowledged = [];
  const run = (seconds) =>
    new Promise((resolve, reject) => {
      let i = 0;
      const instance = autocannon(
        {
          url: base,
          connections: CONNECTIONS,
          duration: seconds,
          headers,
          requests: [
            {
              method: 'PUT',
              setupRequest: (req) => {
                const id = randomUUID();
                req.path = `/api/v1/r/${link.token}/submissions/${id}`;
                req.body = bodies[i++ % bodies.length];
                return req;
              },
              onResponse: (status, body) => {
                if (status >= 200 && status < 300) acknowledged.push(JSON.parse(body).clientId);
              },
            },
          ],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
      autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
    });

  const pool = new pg.Pool({ connectionString: benchUrl.toString(), max: CONNECTIONS });
  const countSubmitted = async () =>
    Number((await pool.query(`SELECT count(*) FROM submission WHERE evaluation_id = $1 AND status = 'submitted'`, [evaluation.id])).rows[0].count);

  console.log(`warm-up ${WARMUP} s…`);
  await run(WARMUP);
  acknowledged.length = 0;
  const before = await countSubmitted();
  console.log(`API: ${CONNECTIONS} connections for ${DURATION} s…`);
  const result = await run(DURATION);
  const after = await countSubmitted();
  const stored = after - before;
  const ok = result['2xx'];
  const apiRate = ok / DURATION;
  const errors = result.errors + result.timeouts + result.non2xx;
  const found = Number(
    (await pool.query(`SELECT count(*) FROM submission WHERE evaluation_id = $1 AND status = 'submitted' AND client_id = ANY($2::uuid[])`, [evaluation.id, acknowledged])).rows[0]
      .count,
  );
  const answerless = Number(
    (await pool.query(`SELECT count(*) FROM submission s WHERE s.evaluation_id = $1 AND NOT EXISTS (SELECT 1 FROM answer a WHERE a.submission_id = s.id)`, [evaluation.id])).rows[0]
      .count,
  );

  // The bare-database limit: the same statement the API writes a new submission with (its SQL,
  // conditioned on the link like the API's), from 32 raw clients, for the same time.
  const { rows: linkRows } = await pool.query(
    `SELECT l.id, l.workspace_id, l.token_hash, e.updated_at FROM collection_link l JOIN evaluation e ON e.id = l.evaluation_id WHERE l.evaluation_id = $1`,
    [evaluation.id],
  );
  const condition = { tokenHash: linkRows[0].token_hash, designUpdatedAt: linkRows[0].updated_at, anonymity: 'anonymous' };
  const prepared = datasets.map((data) => normaliseAnswers(questionnaire, data).answers);
  const latencies = [];
  let bareCount = 0;
  let bareErrors = 0;
  const deadline = performance.now() + DURATION * 1000;
  console.log(`bare database: ${CONNECTIONS} raw clients for ${DURATION} s…`);
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      const conn = await pool.connect();
      try {
        let j = worker;
        while (performance.now() < deadline) {
          const t0 = performance.now();
          try {
            const written = await SUBMISSION_WRITE.insertNewThroughLink((sql, params) => conn.query(sql, params).then((r) => r.rows), {
              workspaceId: linkRows[0].workspace_id,
              evaluationId: evaluation.id,
              groupKey: 'volunteers',
              clientId: randomUUID(),
              linkId: linkRows[0].id,
              sessionId: null,
              channel: 'shared',
              status: 'submitted',
              locale: 'fr',
              data: datasets[j % datasets.length],
              answers: prepared[j % prepared.length],
              roundToDay: true,
            }, condition);
            if (!written) throw new Error('the link condition refused a write');
            bareCount++;
            latencies.push(performance.now() - t0);
          } catch (error) {
            bareErrors++;
            if (bareErrors === 1) console.error(error);
          }
          j += CONNECTIONS;
        }
      } finally {
        conn.release();
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const bareRate = bareCount / DURATION;
  await pool.end();

  const lines = [
    `submissions of the socle commun (volunteers group, ${rowsPerSubmission.toFixed(1)} answer rows each), ${CONNECTIONS} connections, ${DURATION} s, API pool ${POOL_SIZE}`,
    `API:           ${apiRate.toFixed(0)} submissions/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    `               acknowledged ${ok}, errors ${errors} (non-2xx ${result.non2xx}, socket ${result.errors}, timeouts ${result.timeouts})`,
    `               stored ${stored}, acknowledged and found ${found}, lost ${acknowledged.length - found}, without answer rows ${answerless}`,
    `bare database: ${bareRate.toFixed(0)} submissions/s, latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, errors ${bareErrors}`,
    `API / bare database: ${((apiRate / bareRate) * 100).toFixed(0)} %`,
  ];
  console.log('\n' + lines.join('\n'));
  if (errors > 0 || acknowledged.length !== found || answerless > 0) process.exitCode = 1;
} finally {
  if (api) await stopProcess(api);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
