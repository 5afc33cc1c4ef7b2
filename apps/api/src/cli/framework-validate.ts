/**
 * `npm run framework:validate -- FILE`: checks a framework file in the exchange format (see
 * docs/framework-format.md) with the same validator the API uses on import.
 *
 * Exit codes: 0 the file is a valid framework (a summary is printed); 1 it is not (every error is
 * printed as `path: message`), or it cannot be read or is not JSON; 2 the command is misused.
 * Pure: no Nest, no database.
 */
import { readFileSync } from 'node:fs';
import {
  INDICATOR_KINDS,
  STAKEHOLDER_GROUPS,
  eachIndicator,
  validateFrameworkContent,
  type FrameworkContent,
  type IndicatorKind,
  type StakeholderGroupKey,
} from '#domain';

const USAGE = `usage: npm run framework:validate -- FILE
  Checks a framework file (format: docs/framework-format.md) and prints every error with its path.
  Exit code: 0 valid, 1 invalid or unreadable, 2 usage error.`;

/** Runs the command; returns the exit code. */
function run(args: readonly string[], out: (line: string) => void, err: (line: string) => void): number {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    out(USAGE);
    return 0;
  }
  if (args.length !== 1 || args[0] === '') {
    err(args.length === 0 ? `no file given\n${USAGE}` : `expected one file, got ${args.length} arguments\n${USAGE}`);
    return 2;
  }
  const file = args[0];

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    err(`${file}: cannot be read: ${describeReadError(error)}`);
    return 1;
  }
  // A byte order mark, as some editors write, is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  if (text.trim() === '') {
    err(`${file}: not valid JSON: the file is empty`);
    return 1;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    err(`${file}: not valid JSON: ${describeJsonError(error, text)}`);
    return 1;
  }

  const result = validateFrameworkContent(input);
  if (!result.ok) {
    const count = result.errors.length;
    err(`${file}: not a valid framework — ${count} ${count === 1 ? 'error' : 'errors'}:`);
    for (const error of result.errors) err(`  ${error.path === '' ? '(root)' : error.path}: ${error.message}`);
    return 1;
  }
  for (const line of summary(file, result.value)) out(line);
  return 0;
}

function summary(file: string, content: FrameworkContent): string[] {
  let criteria = 0;
  let indicators = 0;
  let questions = 0;
  const byGroup = new Map<StakeholderGroupKey, number>();
  const byKind = new Map<IndicatorKind, number>();
  const byDimension: string[] = [];
  for (const dimension of content.dimensions) {
    criteria += dimension.criteria.length;
    let dimensionIndicators = 0;
    let dimensionQuestions = 0;
    for (const criterion of dimension.criteria) {
      dimensionIndicators += criterion.indicators.length;
      for (const indicator of criterion.indicators) dimensionQuestions += indicator.questions.length;
    }
    byDimension.push(`  ${dimension.key}: ${dimensionIndicators} indicators, ${dimensionQuestions} questions — ${dimension.title.fr}`);
  }
  for (const { indicator } of eachIndicator(content)) {
    indicators += 1;
    byKind.set(indicator.kind, (byKind.get(indicator.kind) ?? 0) + 1);
    for (const question of indicator.questions) {
      questions += 1;
      for (const audience of question.audiences) byGroup.set(audience, (byGroup.get(audience) ?? 0) + 1);
    }
  }
  const width = Math.max(...STAKEHOLDER_GROUPS.map((group) => group.key.length));
  return [
    `${file}: valid framework (format version ${content.formatVersion})`,
    `Title: ${content.title.fr}${content.title.en !== undefined ? ` / ${content.title.en}` : ''}`,
    ...(content.licence !== undefined ? [`Licence: ${content.licence}`] : []),
    `Dimensions: ${content.dimensions.length}, criteria: ${criteria}, indicators: ${indicators}, questions: ${questions}`,
    ...byDimension,
    `Indicators by kind: ${INDICATOR_KINDS.map((kind) => `${kind} ${byKind.get(kind) ?? 0}`).join(', ')}`,
    'Questions per stakeholder group:',
    ...STAKEHOLDER_GROUPS.map((group) => `  ${group.key.padEnd(width)}  ${String(byGroup.get(group.key) ?? 0).padStart(3)}  ${group.label.en}`),
  ];
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The parser's message with the line and column of the position it reports (1-based). */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message);
  const atEnd = !match && /Unexpected end of JSON input/.test(message);
  const position = match ? Number(match[1]) : atEnd ? text.length : undefined;
  if (position === undefined) return message;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  if (atEnd) return `${message}: the file ends early (line ${line}, column ${column}); something is missing, such as a closing } or ]`;
  // Recent versions of V8 already add "(line x column y)"; do not repeat it.
  const plain = message.replace(/\s*\(line \d+ column \d+\)/, '');
  return `${plain} (line ${line}, column ${column}, character ${position + 1})`;
}

process.exitCode = run(
  process.argv.slice(2),
  (line) => console.log(line),
  (line) => console.error(line),
);
