#!/usr/bin/env node
// Measures the time from launching the built server to /api/v1/health/ready on the embedded
// database: first start (fresh folder: initialise PostgreSQL, migrate, seed the demo) and
// second start (reopen). Usage: npm run build && node scripts/bench-startup.mjs [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 3);
const port = 3990;

async function startOnce(dataDir) {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (performance.now() - t0 > 120_000) throw new Error('not ready after 120 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`);
        if (res.ok) return (performance.now() - t0) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const first = [];
const second = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'regards-bench-'));
  try {
    first.push(await startOnce(join(dir, 'data')));
    second.push(await startOnce(join(dir, 'data')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const fmt = (xs) => `median ${xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(2)} s (runs: ${xs.map((x) => x.toFixed(2)).join(', ')})`;
console.log(`first start (fresh embedded database): ${fmt(first)}`);
console.log(`second start (existing database):      ${fmt(second)}`);
