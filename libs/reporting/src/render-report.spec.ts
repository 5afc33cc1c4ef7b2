import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import type { AnalysisPayload, Cell, ChartSpec, ScoreCell } from '#domain';
import { analysisPayloadFixture } from '#domain/charts/analysis-payload.fixture';
import { demoReportModel } from './fixtures/report-model.fixture.js';
import { createReportDocument, renderReport, type ReportModel, type ReportQuote, type ReportSection } from './index.js';
import { FRAME, PAGE } from './theme.js';

const run = promisify(execFile);
const NNBSP = '\u202f';
const NBSP = '\u00a0';
const dir = mkdtempSync(join(tmpdir(), 'regards-report-'));
let fileCount = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function toFile(pdf: Buffer): Promise<string> {
  const file = join(dir, `report-${++fileCount}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The text of each page (pdftotext separates pages with a form feed). */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', await toFile(pdf), '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

/**
 * Whitespace (line ends included) as single spaces, for sentences broken across lines. pdftotext
 * writes every kind of space, no-break ones included, as a plain space (the text layer keeps
 * U+202F: see the ToUnicode test), so expected strings are compared the same way.
 */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The characters the fonts' ToUnicode maps give back for the glyphs used. */
function toUnicode(pdf: Buffer): Set<string> {
  const raw = pdf.toString('latin1');
  const chars = new Set<string>();
  for (const match of raw.matchAll(/\/Length (\d+)[^]*?>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const data = pdf.subarray(start, start + Number(match[1]));
    let text: string;
    try {
      text = inflateSync(data).toString('latin1');
    } catch {
      continue;
    }
    if (!text.includes('begincmap')) continue;
    for (const hex of text.matchAll(/<([0-9a-fA-F]{4})>\s*(?=\n|<|\])/g)) chars.add(String.fromCharCode(Number.parseInt(hex[1]!, 16)));
    for (const hex of text.matchAll(/<([0-9a-fA-F]{4,})>/g)) {
      for (let i = 0; i + 4 <= hex[1]!.length; i += 4) chars.add(String.fromCharCode(Number.parseInt(hex[1]!.slice(i, i + 4), 16)));
    }
  }
  return chars;
}

async function info(pdf: Buffer): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', await toFile(pdf)]);
  return Object.fromEntries(stdout.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

async function words(pdf: Buffer): Promise<Word[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', await toFile(pdf), '-'], { maxBuffer: 256 * 1024 * 1024 });
  const found: Word[] = [];
  let page = 0;
  for (const line of stdout.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) found.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
  }
  return found;
}

function section(fields: Partial<ReportSection> & Pick<ReportSection, 'title'>): ReportSection {
  return { key: `s-${fields.title.slice(0, 20)}`, kind: 'dimension', narrative: '', charts: [], tables: [], quotes: [], actions: [], ...fields };
}

/** The demo report with other sections (fast to render). */
function modelWith(sections: ReportSection[], changes: Partial<ReportModel> = {}): ReportModel {
  return { ...demoReportModel(), sections, indicatorAnnex: [], ...changes };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A PNG of one colour; RGBA when `alpha`; `idat` replaces the pixel data (corrupt pictures). */
function png(width: number, height: number, options: { alpha?: boolean; idat?: Buffer } = {}): Uint8Array {
  const channels = options.alpha ? 4 : 3;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = options.alpha ? 6 : 2;
  const row = Buffer.alloc(1 + width * channels);
  for (let x = 0; x < width; x++) row.set(options.alpha ? [23, 113, 126, 255] : [23, 113, 126], 1 + x * channels);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const idat = options.idat ?? deflateSync(raw);
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]),
  );
}

async function imageCount(pdf: Buffer): Promise<number> {
  const { stdout } = await run('pdfimages', ['-list', await toFile(pdf)]);
  return stdout.trim().split('\n').length - 2;
}

describe('the demo report', () => {
  const model = demoReportModel();
  let pdf: Buffer;
  let pages: number;
  let texts: string[];
  let all: string;
  const progress: number[] = [];

  beforeAll(async () => {
    ({ pdf, pages } = await renderReport(model, { onProgress: (f) => progress.push(f) }));
    texts = await pageTexts(pdf);
    all = flat(texts.join('\n'));
  });

  it('is a PDF whose page count is the one reported', async () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages).toBeGreaterThan(10);
    expect(Number((await info(pdf)).Pages)).toBe(pages);
    expect(texts).toHaveLength(pages);
  });

  it('carries the title, authors, subject, creator and language in its metadata, and is tagged', async () => {
    const meta = await info(pdf);
    expect(meta.Title).toBe(model.title);
    expect(meta.Author).toBe(model.authors.join(', '));
    expect(meta.Subject).toBe(model.evaluation.title);
    expect(meta.Creator).toBe('Regards');
    expect(meta.Tagged).toBe('yes');
    expect(new Date(meta.CreationDate!).toISOString()).toBe(model.generatedAt);
    expect(pdf.toString('latin1')).toContain('/Lang (fr-FR)');
    expect(pdf.toString('latin1')).toContain('/DisplayDocTitle true');
  });

  it('embeds every font it uses', async () => {
    const { stdout } = await run('pdffonts', [await toFile(pdf)]);
    const rows = stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row).toMatch(/\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    expect(stdout).toContain('Inter-Bold');
    expect(stdout).toContain('SourceSerif4');
  });

  it('prints every section title, narrative sentence, chart title, quote and action of the model', () => {
    for (const s of model.sections) {
      expect(all).toContain(flat(s.title));
      for (const chart of s.charts) expect(all).toContain(flat(chart.title));
      for (const quote of s.quotes) {
        expect(all).toContain(flat(quote.text));
        expect(all).toContain(`— ${quote.attribution}`);
      }
      for (const action of s.actions) {
        expect(all).toContain(flat(action.recommendation));
        expect(all).toContain(flat(action.who));
        expect(all).toContain(flat(action.when));
      }
    }
    expect(all).toContain('Créée en 2011 par un collectif d’habitant·es, La Ressourcerie du Vallon collecte chaque année près de 420 tonnes');
    // Markdown: emphasis, headings, numbered lists, quotes come out as their words.
    expect(all).toContain('Cent treize personnes ont répondu');
    expect(all).toContain('Pourquoi évaluer maintenant');
    expect(all).toContain('1. Cadrage avec le bureau et l’équipe (janvier)');
    expect(all).not.toContain('**');
    expect(all).toContain('Recommandation Qui Quand');
  });

  it('prints the figures of the indicator tables, withheld cells as « < 5 »', () => {
    const table = model.sections[2]!.tables[0]!;
    expect(all).toContain(flat(table.caption));
    for (const row of table.rows) for (const cell of row) if (cell) expect(all).toContain(flat(cell));
    expect(texts.join('\n')).toContain('< 5');
  });

  it('keeps French typography: « », ’, œ, ·, and a narrow no-break space before « : »', () => {
    const raw = texts.join('\n');
    expect(raw).toContain('« ne touche pas tout le monde »');
    expect(raw).toContain('au cœur du Vallon');
    expect(raw).toContain('salarié·es');
    expect(raw).toContain('d’habitant·es');
    expect(raw).toContain('Accompagnement : Réseau des ressourceries');
    expect(raw).toContain('Pourquoi ce récit : Il relie');
    // The narrow no-break spaces themselves are in the text layer (pdftotext prints them as spaces).
    const mapped = toUnicode(pdf);
    for (const char of [NNBSP, '«', '»', '’', 'œ', '·', 'é', 'É', '—', '−']) expect(mapped).toContain(char);
  });

  it('has a cover without running header or footer, and « page n / N » on every other page', () => {
    expect(texts[0]).toContain('La Ressourcerie du Vallon');
    expect(texts[0]).toContain('Rapport de co-évaluation de l’utilité sociale');
    expect(texts[0]).toContain('Version 2 — validée le 12 mai 2026');
    expect(texts[0]).toContain('Claire Mercier');
    expect(texts[0]).not.toMatch(/page \d+ \//);
    texts.slice(1).forEach((text, i) => expect(text).toContain(`page ${i + 2} / ${pages}`));
    expect(texts[2]).toContain(`page 3 / ${pages}`);
    expect(texts[2]).toContain('La Ressourcerie du Vallon · Rapport de co-évaluation');
  });

  it('has a table of contents whose page numbers are the pages where each chapter starts', () => {
    const contents = flat(texts[1]!);
    expect(contents).toContain('Sommaire');
    const titles = [...model.sections.map((s) => s.title), 'Annexe méthodologique'];
    for (const title of titles) {
      const match = new RegExp(`${flat(title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`).exec(contents);
      expect(match).not.toBeNull();
      const page = Number(match![1]);
      expect(flat(texts[page - 1]!)).toContain(flat(title));
      // The chapter starts there: its title is not on the page before.
      expect(flat(texts[page - 2]!).includes(`${flat(title)} `) && page - 2 > 1).toBe(false);
    }
  });

  it('opens every chapter on a new page, under its number, bookmarked', () => {
    const raw = pdf.toString('latin1');
    const outlines = /\/Outlines (\d+) 0 R/.exec(raw);
    expect(outlines).not.toBeNull();
    // One bookmark per section, the contents and the two annexes.
    expect(raw.split(`/Parent ${outlines![1]} 0 R`).length - 1).toBe(model.sections.length + 3);
    expect(raw).toContain('/Dests <<');
    const contents = flat(texts[1]!);
    const starts = model.sections.map((s, i) => {
      const page = Number(new RegExp(`0${i + 1} [^0-9]+? (\\d+)`).exec(contents)![1]);
      // After the running header: the chapter's number, its kind, its title.
      const lines = texts[page - 1]!.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      expect(lines.slice(1, 3)).toEqual([String(i + 1).padStart(2, '0'), (s.kind === 'dimension' ? 'DIMENSION' : expect.any(String)) as string]);
      expect(flat(lines.slice(3).join(' '))).toMatch(new RegExp(`^${flat(s.title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      return page;
    });
    for (let i = 1; i < starts.length; i++) expect(starts[i]!).toBeGreaterThan(starts[i - 1]!);
  });

  it('ends with the method annex (group under k as « < 5 ») and the indicator annex', () => {
    const raw = texts.join('\n');
    expect(all).toContain('Annexe méthodologique');
    expect(all).toContain('Socle commun de l’utilité sociale, version 1.2');
    expect(all).toContain('Groupe Réponses attendues Réponses reçues Taux de réponse Anonymat');
    expect(raw).toMatch(/Partenaires\s+8\s+< ?5\s+—\s+anonyme/);
    expect(all).toContain('Salarié·es 14 12 86 % anonyme');
    expect(all).toContain('Seuil d’anonymat');
    expect(all).toContain('séance collective sur tablette');
    expect(all).toContain('Annexe des indicateurs');
    for (const table of model.indicatorAnnex) expect(all).toContain(flat(table.caption));
  });

  it('has no draft watermark when final', () => {
    expect(all).not.toContain('PROJET');
    expect(all).not.toContain('DRAFT');
  });

  it('reports progress from 0 to 1, never decreasing', () => {
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
    expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(model.sections.length);
  });

  it('keeps every word within the page margins', async () => {
    const found = await words(pdf);
    expect(found.length).toBeGreaterThan(1000);
    const outside = found.filter((w) => w.xMin < FRAME.left - 0.5 || w.xMax > FRAME.right + 0.5 || w.yMin < 20 || w.yMax > PAGE.height - 20);
    expect(outside).toEqual([]);
  });

  it('gives the same bytes for the same model', async () => {
    const again = await renderReport(demoReportModel());
    expect(again.pages).toBe(pages);
    expect(again.pdf.equals(pdf)).toBe(true);
  });

  it('streams the same document from createReportDocument', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of createReportDocument(demoReportModel())) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(pdf)).toBe(true);
  });
});

describe('a draft', () => {
  it('carries « PROJET · DRAFT » on every page, and the diagonal watermark', async () => {
    const { pdf, pages } = await renderReport(demoReportModel({ draft: true }));
    const texts = await pageTexts(pdf);
    expect(texts).toHaveLength(pages);
    for (const text of texts) expect(text).toContain('PROJET · DRAFT');
    expect(texts[0]).toContain('Projet : ce document n’est pas validé.');
    // The watermark is translucent (an opacity state on every page).
    expect((pdf.toString('latin1').match(/\/ca 0\.13/g) ?? []).length).toBeGreaterThanOrEqual(1);
  });

  it('says « DRAFT · PROJET » in English, with English words and quotation marks', async () => {
    const model = demoReportModel({ draft: true, locale: 'en' });
    const { pdf } = await renderReport(model);
    const texts = await pageTexts(pdf);
    for (const text of texts) expect(text).toContain('DRAFT · PROJET');
    const all = flat(texts.join('\n'));
    expect(all).toContain('Contents');
    expect(all).toContain('Method annex');
    expect(all).toContain('Recommendation Who When');
    expect(all).toContain(`“${flat(model.sections[2]!.quotes[0]!.text)}”`);
    expect(all).toMatch(/page 3 \/ \d+/);
    expect(pdf.toString('latin1')).toContain('/Lang (en)');
  });
});

describe('anonymity', () => {
  // The volunteers' figures, made distinctive: 47 respondents, a score of 93.7.
  const distinctive = (payload: AnalysisPayload, withheld: boolean): AnalysisPayload => {
    const underK: Cell & ScoreCell = { suppressed: true, reason: 'under-k' };
    const cell = (c: Cell | ScoreCell): Cell | ScoreCell =>
      withheld
        ? underK
        : 'distribution' in c
          ? { ...c, suppressed: false, n: 47, score: 93.7, mean: 4.9, median: 5, distribution: [['4', 3], ['5', 44]].map(([value, count]) => ({ value: value as string, count: count as number })), dontKnowShare: 0 }
          : { suppressed: false, n: 47, score: 93.7 };
    type Gap = AnalysisPayload['crossed']['gaps'][number];
    const gaps = (list: Gap[]): Gap[] =>
      withheld ? list.filter((g) => g.groupKey !== 'volunteers') : list.map((g) => (g.groupKey === 'volunteers' ? { ...g, group: 93.7, gap: 93.7 - g.self } : g));
    const swap = <C extends Cell | ScoreCell>(cells: Partial<Record<string, C>>) => (cells.volunteers ? { ...cells, volunteers: cell(cells.volunteers) as C } : cells);
    return {
      ...payload,
      participation: payload.participation.map((p) => (p.groupKey === 'volunteers' ? { ...p, submitted: withheld ? 4 : 47, responseRate: withheld ? 4 / 25 : 47 / 50, expected: withheld ? 25 : 50, suppressed: withheld } : p)),
      indicators: payload.indicators.map((i) => ({ ...i, cells: swap(i.cells), questions: i.questions.map((q) => ({ ...q, cells: swap(q.cells) })) })),
      dimensions: payload.dimensions.map((d) => ({ ...d, cells: swap(d.cells) })),
      crossed: { ...payload.crossed, gaps: gaps(payload.crossed.gaps), convergences: gaps(payload.crossed.convergences), divergences: gaps(payload.crossed.divergences) },
    } as AnalysisPayload;
  };

  it('prints none of the figures of a withheld group, and « < 5 » in their place', async () => {
    const revealed = flat((await pageTexts((await renderReport(demoReportModel({ payload: distinctive(analysisPayloadFixture(), false) }))).pdf)).join('\n'));
    // Shown, the group's figures are in the report: 94 (score), 47 (respondents), 94 % (share).
    expect(revealed).toContain('94 (n = 47)');
    expect(revealed).toMatch(/\b94\b/);

    const model = demoReportModel({ payload: distinctive(analysisPayloadFixture(), true) });
    const volunteersInCharts = model.sections.flatMap((s) => s.charts).flatMap((c) => c.series.filter((series) => series.key === 'volunteers'));
    expect(volunteersInCharts.every((series) => series.values.every((v) => v === null))).toBe(true);
    const texts = await pageTexts((await renderReport(model)).pdf);
    const withheld = flat(texts.join('\n'));
    for (const figure of [/\b94\b/, /\b47\b/, /\b93[,.]7\b/, /\b4[,.]9\b/]) expect(withheld).not.toMatch(figure);
    expect(texts.join('\n')).toMatch(/Bénévoles\s+25\s+< ?5\s+—/);
    const table = model.sections[2]!.tables[0]!;
    const volunteers = table.columns.indexOf('Bénévoles');
    // Every figure of the group is the mark (or empty where the group was not asked).
    expect(table.rows.every((row) => ['', `<${NBSP}5`].includes(row[volunteers]!))).toBe(true);
    expect(table.rows.filter((row) => row[volunteers] === `<${NBSP}5`).length).toBeGreaterThan(0);
  });
});

describe('robustness', () => {
  const LONG = 'x'.repeat(10_000);

  it('breaks a 10,000-character word inside its column everywhere, in reasonable time and pages', async () => {
    const base = demoReportModel();
    const radar = base.sections[0]!.charts[0]!;
    const bars = base.sections[2]!.charts[1]!;
    const longLabels = (spec: ChartSpec): ChartSpec => ({
      ...spec,
      labels: spec.labels.map((l, i) => (i === 0 ? `${l} ${LONG}` : l)),
      series: spec.series.map((s, i) => (i === 0 ? { ...s, label: LONG } : s)),
    });
    const model: ReportModel = {
      ...base,
      title: `Rapport ${LONG}`,
      organization: { name: `Association ${LONG}`, logo: null },
      network: LONG,
      authors: [LONG],
      versionLabel: LONG,
      sections: [
        section({
          title: `Titre ${LONG}`,
          narrative: `Avant ${LONG} après.\n\n- puce ${LONG}\n\n> citation ${LONG}`,
          charts: [longLabels(radar), longLabels(bars)],
          tables: [{ caption: LONG, columns: ['Indicateur', LONG, 'Ensemble'], rows: [[LONG, '12', LONG], ['court', LONG, '3']], notes: [LONG] }],
          quotes: [{ kind: 'story', text: LONG, attribution: LONG, reason: LONG }],
          actions: [{ recommendation: LONG, who: LONG, when: LONG }],
        }),
      ],
      annex: { ...base.annex, channels: [LONG], notes: [LONG], framework: { name: LONG, version: LONG, sources: [LONG] } },
      indicatorAnnex: [{ caption: 'Annexe', columns: ['A', 'B'], rows: [[LONG, LONG]], notes: [] }],
    };
    const started = performance.now();
    const { pdf, pages } = await renderReport(model);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(pages).toBeGreaterThan(3);
    expect(pages).toBeLessThan(200);
    const found = await words(pdf);
    const outside = found.filter((w) => w.xMin < FRAME.left - 0.5 || w.xMax > FRAME.right + 0.5 || w.yMin < 20 || w.yMax > PAGE.height - 20);
    expect(outside).toEqual([]);
    // The word's characters are all there (narrative, list, quote, tables: never cut short in the flow).
    const text = (await pageTexts(pdf)).join('');
    expect(text.replace(/[^x]/g, '').length).toBeGreaterThan(10 * LONG.length);
    expect(text).toMatch(/Avant\s+x{20}/);
    expect(text).toMatch(/x{20}\s+après\./);
  });

  it('draws a sound logo, and draws the cover without one whose bytes are broken', async () => {
    const sections = [section({ title: 'Seule section', narrative: 'Un paragraphe.' })];
    const withLogo = async (logo: ReportModel['organization']['logo']) => {
      const { pdf } = await renderReport(modelWith(sections, { organization: { name: 'La Ressourcerie du Vallon', logo } }));
      const texts = await pageTexts(pdf);
      expect(texts[0]).toContain('La Ressourcerie du Vallon');
      return imageCount(pdf);
    };
    await expect(withLogo({ format: 'png', data: png(40, 20) })).resolves.toBe(1);
    await expect(withLogo({ format: 'png', data: png(40, 20, { alpha: true }) })).resolves.toBeGreaterThanOrEqual(1);
    await expect(withLogo({ format: 'png', data: new Uint8Array([1, 2, 3, 4, 5]) })).resolves.toBe(0);
    await expect(withLogo({ format: 'jpeg', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 2, 9, 9]) })).resolves.toBe(0);
    const truncated = png(40, 20);
    await expect(withLogo({ format: 'png', data: truncated.subarray(0, truncated.length - 20) })).resolves.toBe(0);
    // Sound chunks but pixel data that does not inflate: pdfkit would throw later, from a callback.
    await expect(withLogo({ format: 'png', data: png(40, 20, { alpha: true, idat: Buffer.from('not deflate data at all') }) })).resolves.toBe(0);
  });

  it('fits a large logo in its box', async () => {
    const { pdf } = await renderReport(modelWith([section({ title: 'Seule section', narrative: 'Un paragraphe.' })], { organization: { name: 'Structure', logo: { format: 'png', data: png(3000, 2000) } } }));
    await expect(imageCount(pdf)).resolves.toBe(1);
    const { stdout } = await run('pdfimages', ['-list', await toFile(pdf)]);
    expect(stdout).toMatch(/3000\s+2000/);
  });

  it('lays 40 quotes out across pages, each whole on one page', async () => {
    const quotes: ReportQuote[] = Array.from({ length: 40 }, (_, i) => ({
      kind: (['story', 'verbatim', 'testimony'] as const)[i % 3]!,
      text: `Citation numéro ${i + 1}${i % 4 === 0 ? ', plus longue, qui raconte comment la ressourcerie a changé une semaine ordinaire en un moment de rencontre et de fierté pour toute une famille du quartier' : ''}.`,
      attribution: i % 2 ? 'Bénévole' : 'Bénéficiaire',
      ...(i % 3 === 0 ? { reason: `raison ${i + 1}` } : {}),
    }));
    const { pdf, pages } = await renderReport(modelWith([section({ title: 'Paroles', quotes })]));
    const texts = (await pageTexts(pdf)).map(flat);
    for (const quote of quotes) expect(texts.filter((t) => t.includes(`« ${flat(quote.text)} »`))).toHaveLength(1);
    const quotePages = texts.filter((t) => t.includes('Citation numéro'));
    expect(quotePages.length).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThan(20);
  });

  it('repeats a long table’s header on every page it crosses', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`Indicateur numéro ${i + 1}`, `${i + 1}`, i % 7 === 0 ? `<${NBSP}5` : `${(i * 37) % 100}`]);
    const { pdf } = await renderReport(modelWith([section({ title: 'Grand tableau', tables: [{ caption: 'Tous les indicateurs', columns: ['Indicateur', 'Rang', 'Score'], rows, notes: [] }] })]));
    const texts = (await pageTexts(pdf)).map(flat);
    const tablePages = texts.filter((t) => t.includes('Indicateur numéro'));
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const text of tablePages) expect(text).toMatch(/Indicateur Rang Score Indicateur numéro/);
    for (const row of rows) expect(texts.filter((t) => t.includes(`${row[0]} ${row[1]} `)).length).toBe(1);
  });

  it('reserves as many contents pages as its entries need, with the right page numbers', async () => {
    const sections = Array.from({ length: 60 }, (_, i) => section({ title: `Chapitre ${i + 1} : une section courte`, narrative: `Texte du chapitre ${i + 1}.` }));
    const { pdf } = await renderReport(modelWith(sections));
    const texts = await pageTexts(pdf);
    expect(flat(texts[1]!)).toContain('Sommaire');
    const first = Number(/Chapitre 1 : une section courte (\d+)/.exec(flat(texts[1]!))![1]);
    // Several pages of contents, each with entries, then the first chapter.
    expect(first).toBeGreaterThanOrEqual(4);
    for (const text of texts.slice(1, first - 1)) expect(flat(text)).toMatch(/Chapitre \d+ : une section courte \d+/);
    const contents = flat(texts.slice(1, first - 1).join('\n'));
    for (const s of sections) {
      const page = Number(new RegExp(`${s.title} (\\d+)`).exec(contents)![1]);
      expect(flat(texts[page - 1]!)).toContain(`${s.title} Texte du chapitre`);
    }
  });

  it('notes a section with nothing in it, and draws nothing for an empty narrative', async () => {
    const chart = demoReportModel().sections[0]!.charts[0]!;
    const { pdf } = await renderReport(
      modelWith([section({ title: 'Vide', narrative: '   \n\n ' }), section({ title: 'Sans texte', narrative: '', charts: [chart] })]),
    );
    const texts = (await pageTexts(pdf)).map(flat);
    const empty = texts.find((t) => t.includes('Vide') && !t.includes('Sommaire'))!;
    expect(empty).toContain('Section non rédigée.');
    const chartOnly = texts.find((t) => t.includes('Sans texte') && !t.includes('Sommaire'))!;
    expect(chartOnly).not.toContain('Section non rédigée.');
    expect(chartOnly).toContain(chart.title);
  });

  it('shows a chart with no value as its title, table and notes', async () => {
    const base = demoReportModel().sections[0]!.charts[0]!;
    const empty: ChartSpec = {
      ...base,
      title: 'Profil d’un groupe sans réponse',
      series: base.series.map((s) => ({ ...s, values: s.values.map(() => null) })),
      table: { ...base.table, rows: base.table.rows.map((r) => [r[0]!, ...r.slice(1).map(() => `<${NBSP}5`)]) },
      notes: ['Aucune réponse reçue pour ce groupe.'],
    };
    const { pdf } = await renderReport(modelWith([section({ title: 'Un groupe sans réponse', charts: [empty] })]));
    const all = flat((await pageTexts(pdf)).join('\n'));
    expect(all).toContain('Profil d’un groupe sans réponse');
    expect(all).toContain(flat(base.table.caption));
    expect(all).toContain('Aucune réponse reçue pour ce groupe.');
    expect(all).not.toMatch(/\b75\b/);
  });

  it('draws every chart kind in both orientations, with its labels and values', async () => {
    const charts = demoReportModel({ grow: true }).sections.flatMap((s) => s.charts);
    const vertical = charts
      .filter((c) => c.kind !== 'radar')
      .slice(0, 4)
      .map((c) => ({ ...c, id: `${c.id}-v`, title: `${c.title} (vertical)`, orientation: 'vertical' as const }));
    const { pdf } = await renderReport(modelWith([section({ title: 'Graphiques', charts: [...charts, ...vertical] })]));
    const all = flat((await pageTexts(pdf)).join('\n'));
    expect(new Set(charts.map((c) => c.kind))).toEqual(new Set(['radar', 'bar', 'stacked-bar', 'diverging-bar']));
    for (const chart of [...charts, ...vertical]) {
      expect(all).toContain(flat(chart.title));
      for (const series of chart.series) expect(all).toContain(flat(series.label));
      if (chart.axis.title) expect(all).toContain(flat(chart.axis.title));
    }
    // Values are printed as the dashboard formats them; a gap stays a gap.
    expect(all).toContain('55 %');
    expect(all).toContain('−13');
    const found = await words(pdf);
    expect(found.filter((w) => w.xMin < FRAME.left - 0.5 || w.xMax > FRAME.right + 0.5)).toEqual([]);
  });

  it('shows raw HTML of the narrative as text and links as their words', async () => {
    const narrative = 'Du <b>gras</b> et <script>alert(1)</script>.\n\nVoir [le site du réseau](https://reseau.example.org) et ![logo](https://img.example.org/x.png).\n\n## Sous-titre\n\n- un\n- deux\n\n1. premier\n2. second';
    const { pdf } = await renderReport(modelWith([section({ title: 'Markdown', narrative })]));
    const all = flat((await pageTexts(pdf)).join('\n'));
    expect(all).toContain('Du <b>gras</b> et <script>alert(1)</script>.');
    expect(all).toContain('Voir le site du réseau et logo.');
    expect(all).not.toContain('example.org');
    expect(all).toContain('Sous-titre');
    expect(all).toContain('• un • deux');
    expect(all).toContain('1. premier 2. second');
  });
});

describe('speed', () => {
  it('renders the grown report (about 24 pages, 12 charts)', async () => {
    const model = demoReportModel({ grow: true });
    expect(model.sections.flatMap((s) => s.charts)).toHaveLength(12);
    // The first render of a process also parses the fonts and warms the code up.
    const cold = performance.now();
    await renderReport(model);
    const coldMs = Math.round(performance.now() - cold);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { pages, pdf } = await renderReport(model);
    const used = process.cpuUsage(cpu);
    console.log(`grown report: ${pages} pages, ${Math.round(pdf.length / 1024)} kB, ${Math.round(performance.now() - started)} ms (CPU ${Math.round((used.user + used.system) / 1000)} ms); first render of the process ${coldMs} ms`);
    expect(pages).toBeGreaterThanOrEqual(22);
  });
});
