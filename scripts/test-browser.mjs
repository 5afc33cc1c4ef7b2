#!/usr/bin/env node
// Runs the browser journeys (jest project "browser") in Debian's Chromium.
// Without Chromium: skipped with a plain message, unless CI=true, where it is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `Browser tests: Chromium not found at ${chromium}.`;
  if (process.env.CI === 'true') {
    console.error(`${message} CI=true requires them: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.log(`\n${message}\nBROWSER TESTS SKIPPED. To run them: sudo apt-get install -y chromium (or set CHROMIUM_PATH), then npm run test:browser.\n`);
  process.exit(0);
}
if (!existsSync('dist/web/index.html')) {
  const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--selectProjects', 'browser', '--runInBand', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } },
);
process.exit(run.status ?? 1);
