#!/usr/bin/env node
// Dependency audit gate: `npm audit --omit=dev --json` (what runs in production), then a verdict.
//
//   exit 0  no high or critical advisory, or each one has a valid, unexpired allow-list entry
//   exit 1  a high or critical advisory that is not allowed (or whose entry has expired)
//   exit 2  no verdict possible: the registry did not answer (offline, refused, time-out), its
//           answer was not an audit report, or security/audit-allowlist.json is invalid.
//           Never a silent pass: a gate that cannot look fails.
//
// The allow-list (security/audit-allowlist.json) is a JSON array of reviewed exceptions:
//   { "id": "GHSA-xxxx-xxxx-xxxx" (or the advisory URL or npm's numeric id),
//     "package": "name", "reason": "why it does not reach us / what we wait for",
//     "reviewed": "YYYY-MM-DD", "expires": "YYYY-MM-DD" }
// After `expires` the entry no longer counts and the advisory fails the gate again.
//
// Usage: npm run test:audit [-- --report saved-audit.json] [-- --allowlist other.json]
//   --report reads a saved `npm audit --json` output instead of asking the registry.
//   AUDIT_TIMEOUT_SECONDS (default 120) bounds the wait for the registry.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FAILING = new Set(['high', 'critical']);
const SEVERITY_ORDER = ['critical', 'high', 'moderate', 'low', 'info'];

const { values: args } = parseArgs({
  options: {
    report: { type: 'string' },
    allowlist: { type: 'string', default: join(ROOT, 'security', 'audit-allowlist.json') },
  },
});

class GateError extends Error {}

function today() {
  return new Date().toISOString().slice(0, 10);
}

function isDate(value) {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Reads and checks the allow-list; any malformed entry stops the gate (exit 2). */
function readAllowList(path) {
  const where = relative(ROOT, path) || path;
  if (!existsSync(path)) throw new GateError(`The allow-list ${where} does not exist: create it with [] when nothing is allowed.`);
  let entries;
  try {
    entries = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GateError(`The allow-list ${where} is not valid JSON: ${error.message}`);
  }
  if (!Array.isArray(entries)) throw new GateError(`The allow-list ${where} must be a JSON array of entries.`);
  const problems = [];
  entries.forEach((entry, i) => {
    const at = `${where}[${i}]`;
    if (typeof entry !== 'object' || entry === null) return problems.push(`${at}: expected an object`);
    for (const field of ['id', 'package', 'reason']) {
      if (typeof entry[field] !== 'string' || entry[field].trim() === '') problems.push(`${at}.${field}: required text`);
    }
    for (const field of ['reviewed', 'expires']) {
      if (!isDate(entry[field])) problems.push(`${at}.${field}: expected a date YYYY-MM-DD`);
    }
    if (isDate(entry.reviewed) && isDate(entry.expires) && entry.expires <= entry.reviewed) {
      problems.push(`${at}.expires: must be after reviewed (${entry.reviewed})`);
    }
    if (isDate(entry.reviewed) && entry.reviewed > today()) problems.push(`${at}.reviewed: a review date cannot be in the future`);
  });
  if (problems.length > 0) throw new GateError(`The allow-list is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return entries;
}

/** Runs `npm audit --omit=dev --json` and returns its parsed report. */
function runNpmAudit() {
  const timeoutSeconds = Number(process.env.AUDIT_TIMEOUT_SECONDS ?? 120);
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new GateError(`npm audit got no answer from the registry within ${timeoutSeconds} s (AUDIT_TIMEOUT_SECONDS).`));
    }, timeoutSeconds * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new GateError(`npm audit could not be started: ${error.message}`));
    });
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout));
      } catch {
        const said = (stderr || stdout).trim().split('\n').slice(-5).join('\n  ');
        reject(new GateError(`npm audit did not return a report.\n  ${said || '(no output)'}`));
      }
    });
  });
}

/**
 * A report of npm 7+ (auditReportVersion 2) has `vulnerabilities` and `metadata`. npm prints an
 * error object instead when the registry is unreachable or refuses the audit request.
 */
function checkReport(report) {
  if (report && typeof report === 'object' && report.vulnerabilities && report.metadata?.vulnerabilities) return report;
  const status = report?.statusCode ? ` (HTTP ${report.statusCode})` : '';
  const code = report?.error?.code ?? report?.code;
  const message = report?.message ?? report?.error?.summary ?? 'not an npm audit report';
  throw new GateError(
    `The registry gave no audit report${status}${code ? ` [${code}]` : ''}: ${message}\n` +
      '  The dependencies were NOT checked. Run the gate where the registry answers audit requests\n' +
      '  (registry.npmjs.org, or a mirror that serves /-/npm/v1/security/advisories/bulk).',
  );
}

function ghsaOf(url) {
  return /GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}/i.exec(url ?? '')?.[0]?.toUpperCase();
}

function describeFix(fixAvailable) {
  if (fixAvailable === true) return 'npm audit fix';
  if (fixAvailable && typeof fixAvailable === 'object') {
    return `${fixAvailable.name}@${fixAvailable.version}${fixAvailable.isSemVerMajor ? ' (major)' : ''}`;
  }
  return 'none yet';
}

/** One row per advisory and affected package, from the `via` objects of the report. */
function advisoriesOf(report) {
  const rows = new Map();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via ?? []) {
      if (typeof via !== 'object') continue; // a name: the advisory is listed under that package
      const ghsa = ghsaOf(via.url);
      const key = `${via.source}:${via.name}`;
      if (rows.has(key)) continue;
      rows.set(key, {
        source: String(via.source),
        ghsa,
        url: via.url ?? '',
        package: via.name,
        title: via.title ?? '',
        severity: via.severity ?? vulnerability.severity,
        range: via.range ?? vulnerability.range ?? '',
        fix: describeFix(report.vulnerabilities[via.name]?.fixAvailable ?? vulnerability.fixAvailable),
      });
    }
  }
  return [...rows.values()].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.package.localeCompare(b.package),
  );
}

function matches(entry, advisory) {
  const id = entry.id.trim();
  const sameAdvisory =
    id === advisory.source || id === advisory.url || (advisory.ghsa !== undefined && id.toUpperCase().includes(advisory.ghsa));
  return sameAdvisory && entry.package === advisory.package;
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length))));
  const line = (cells) => cells.map((cell, i) => String(cell ?? '').slice(0, widths[i]).padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

async function main() {
  const allowList = readAllowList(args.allowlist);
  let report;
  if (args.report) {
    try {
      report = JSON.parse(readFileSync(args.report, 'utf8'));
    } catch (error) {
      throw new GateError(`Cannot read the saved report ${args.report}: ${error.message}`);
    }
  } else {
    console.log('Asking the registry: npm audit --omit=dev --json …');
    report = await runNpmAudit();
  }
  checkReport(report);

  const now = today();
  const used = new Set();
  const rows = advisoriesOf(report).map((advisory) => {
    const entry = allowList.find((e) => matches(e, advisory));
    let verdict = 'info';
    if (FAILING.has(advisory.severity)) {
      if (!entry) verdict = 'FAIL';
      else if (entry.expires < now) verdict = `FAIL (allowed until ${entry.expires})`;
      else verdict = `allowed until ${entry.expires}`;
    }
    if (entry) used.add(entry);
    return {
      severity: advisory.severity,
      package: advisory.package,
      advisory: advisory.ghsa ?? advisory.source,
      title: advisory.title,
      range: advisory.range,
      fix: advisory.fix,
      verdict,
    };
  });

  const counts = report.metadata.vulnerabilities;
  const deps = report.metadata.dependencies?.prod ?? report.metadata.dependencies?.total ?? '?';
  console.log(
    `\nnpm audit (production dependencies: ${deps}): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ` +
      `${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
  );
  if (rows.length > 0) console.log(`\n${table(rows, ['severity', 'package', 'advisory', 'title', 'range', 'fix', 'verdict'])}`);

  const unused = allowList.filter((entry) => !used.has(entry));
  if (unused.length > 0) {
    console.log(`\nAllow-list entries that match no current advisory (remove them): ${unused.map((e) => `${e.id} (${e.package})`).join(', ')}`);
  }
  const expiring = allowList.filter((entry) => used.has(entry) && entry.expires >= now && Date.parse(entry.expires) - Date.parse(now) < 14 * 86400e3);
  for (const entry of expiring) console.log(`Review soon: the allow-list entry ${entry.id} (${entry.package}) expires on ${entry.expires}.`);

  const failing = rows.filter((r) => r.verdict.startsWith('FAIL'));
  if (failing.length > 0) {
    console.error(
      `\nAUDIT GATE FAILED: ${failing.length} high or critical advisor${failing.length === 1 ? 'y' : 'ies'} not allowed.\n` +
        'Upgrade (see "fix"), or add a reviewed entry to security/audit-allowlist.json with the reason it does not reach us and an expiry date.',
    );
    process.exit(1);
  }
  console.log('\nAudit gate passed: no high or critical advisory without a reviewed allow-list entry.');
}

main().catch((error) => {
  if (error instanceof GateError) {
    console.error(`\nAUDIT GATE: NO VERDICT (exit 2)\n  ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(2);
});
