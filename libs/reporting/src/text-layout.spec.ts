import { describe, expect, it } from '@jest/globals';
import { TextMeasure, clampLines, cleanText, layoutRuns, layoutText, type Line, type TextStyle } from './text-layout.js';

// Every character 5 points wide at size 10: widths are easy to reason about.
const measure = new TextMeasure((_font, text) => [...text].length * 500);
const style: TextStyle = { font: 'sans', size: 10, color: '#000000' };
const bold: TextStyle = { font: 'sansBold', size: 10, color: '#000000' };
const text = (line: Line) => line.segments.map((s) => s.text).join('');

describe('line breaking', () => {
  it('breaks at plain spaces and keeps every line within the width', () => {
    const lines = layoutText('le lien social est la dimension la mieux perçue', style, 100, measure);
    expect(lines.map(text)).toEqual(['le lien social est', 'la dimension la', 'mieux perçue']);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(100);
  });

  it('keeps a narrow no-break space before a colon, and inside « », with the words it joins', () => {
    expect(layoutText('le mot abcdefghijkl\u202f: fin', style, 100, measure).map(text)).toEqual(['le mot', 'abcdefghijkl\u202f: fin']);
    expect(layoutText('dit «\u202fbonjour\u202f» ici', style, 60, measure).map(text)).toEqual(['dit', '«\u202fbonjour\u202f»', 'ici']);
  });

  it('never breaks after the hyphen of a compound word, but does after a slash', () => {
    expect(layoutText('xx auto-évaluation', style, 80, measure).map(text)).toEqual(['xx', 'auto-évaluation']);
    expect(layoutText('Bénéficiaires/usagers', style, 80, measure).map(text)).toEqual(['Bénéficiaires/', 'usagers']);
  });

  it('cuts a 10,000-character word into lines that fit, keeping every character, in linear time', () => {
    const word = 'x'.repeat(10_000);
    const started = performance.now();
    const lines = layoutText(`avant ${word} après`, style, 100, measure);
    expect(performance.now() - started).toBeLessThan(1000);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(100);
    expect(lines.map(text).join('').replace(/ /g, '')).toBe(`avant${word}après`);
    expect(lines.length).toBeGreaterThan(10_000 / 20);
  });

  it('puts one character per line when not even one fits, and never loops', () => {
    const lines = layoutText('abc', style, 1, measure);
    expect(lines.map(text)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a word whole across style changes, and breaks lines at newlines', () => {
    const lines = layoutRuns(
      [
        { text: 'les ', style },
        { text: 'salarié', style: bold },
        { text: '·es en\nparcours', style },
      ],
      200,
      measure,
    );
    expect(lines.map(text)).toEqual(['les salarié·es en', 'parcours']);
    expect(lines[0]!.segments.map((s) => [s.text, s.style.font, s.x])).toEqual([
      ['les ', 'sans', 0],
      ['salarié', 'sansBold', 20],
      ['·es en', 'sans', 55],
    ]);
  });

  it('gives nothing for an empty text', () => {
    expect(layoutText('', style, 100, measure)).toEqual([]);
    expect(layoutText('   ', style, 100, measure)).toEqual([]);
  });

  it('ends a text cut to a number of lines with an ellipsis, within the width', () => {
    const lines = clampLines(layoutText('un deux trois quatre cinq six sept', style, 50, measure), 2, 50, measure);
    expect(lines).toHaveLength(2);
    expect(text(lines[1]!).endsWith('…')).toBe(true);
    expect(lines[1]!.width).toBeLessThanOrEqual(50);
  });

  it('composes accents and drops invisible format and control characters', () => {
    expect(cleanText('e\u0301te\u0301\u00ad\u200b\u0007\r\nfin\tici')).toBe('été\nfin ici');
  });
});
