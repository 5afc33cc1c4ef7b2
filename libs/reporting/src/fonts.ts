/**
 * The report's typefaces: Inter for headings, labels, tables and charts; Source Serif 4 for the
 * narrative and the quotes. TrueType files (pdfkit subsets and embeds them; its subsetter fails on
 * WOFF2 composite glyphs), parsed once per process and shared by every document.
 *
 * Speed: fontkit's OpenType shaping costs about a millisecond per distinct word with Inter (its
 * contextual alternates and kerning tables are large), seconds for a report. Latin text in these
 * fonts needs no substitution, so each font is handed to pdfkit with a plain layout: one glyph per
 * character from the cmap, at its advance width (no ligatures, no contextual alternates), and pair
 * kerning only for the bold used at display sizes (titles), memoised across documents. Widths are
 * then exact sums of advances, measured without shaping. Text is NFC-normalised before layout
 * (see text-layout.ts), so accented letters are single glyphs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const FONT_FILES = {
  sans: '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
  sansItalic: '@expo-google-fonts/inter/400Regular_Italic/Inter_400Regular_Italic.ttf',
  sansSemiBold: '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
  sansBold: '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
  serif: '@expo-google-fonts/source-serif-4/400Regular/SourceSerif4_400Regular.ttf',
  serifItalic: '@expo-google-fonts/source-serif-4/400Regular_Italic/SourceSerif4_400Regular_Italic.ttf',
  serifSemiBold: '@expo-google-fonts/source-serif-4/600SemiBold/SourceSerif4_600SemiBold.ttf',
  serifSemiBoldItalic: '@expo-google-fonts/source-serif-4/600SemiBold_Italic/SourceSerif4_600SemiBold_Italic.ttf',
} as const;

export type FontKey = keyof typeof FONT_FILES;

export const FONT_KEYS = Object.keys(FONT_FILES) as FontKey[];

/** Fonts whose pair kerning is applied (display sizes only, where it shows). */
const KERNED: ReadonlySet<FontKey> = new Set(['sansBold']);

/** The part of a fontkit glyph pdfkit reads. */
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface OutlinedGlyph extends Glyph {
  path: { toSVG(): string };
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface GlyphRun {
  glyphs: Glyph[];
  positions: Position[];
  readonly advanceWidth: number;
}

/** The part of a fontkit font the report uses; pdfkit takes any such object in `registerFont`. */
interface FontkitFont {
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): Glyph;
  glyphsForString(text: string): OutlinedGlyph[];
  layout(text: string, features?: Record<string, boolean>): GlyphRun;
}

export interface GlyphOutlines {
  /** SVG path data per glyph, in font units (y up), with each glyph's horizontal offset */
  glyphs: Array<{ d: string; x: number }>;
  width: number;
  unitsPerEm: number;
}

export interface ReportFont {
  /** what pdfkit's `registerFont` receives: a shared font object, or the file's bytes */
  source: Buffer | object;
  /** the width of `text` at size 1000 */
  unitWidth(text: string): number;
  /** the glyphs' outlines (decoration drawn as shapes: the draft watermark); null without fontkit */
  outlines(text: string): GlyphOutlines | null;
}

function run(glyphs: Glyph[], advances: number[]): GlyphRun {
  // Fresh position objects on every call: pdfkit scales them in place.
  const positions = advances.map((xAdvance) => ({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0 }));
  let width: number | undefined;
  return {
    glyphs,
    positions,
    // Read after pdfkit has scaled the positions, as fontkit's own runs are.
    get advanceWidth() {
      width ??= positions.reduce((sum, p) => sum + p.xAdvance, 0);
      return width;
    },
  };
}

const KERN_ONLY = {
  kern: true,
  ...Object.fromEntries(['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs'].map((f) => [f, false])),
};

function prepare(font: FontkitFont, kerned: boolean): ReportFont {
  const shape = font.layout.bind(font);
  const scale = 1000 / font.unitsPerEm;
  // fontkit caches one glyph object per glyph id, with the code points of whoever asked first (none
  // when it was met as a component of an accented or composite glyph): pdfkit's text layer
  // (ToUnicode) would then lose the character. Each code point gets its own record instead.
  const glyphs = new Map<number, Glyph>();
  const glyphFor = (codePoint: number): Glyph => {
    let glyph = glyphs.get(codePoint);
    if (!glyph) {
      const shared = font.glyphForCodePoint(codePoint);
      glyph = { id: shared.id, advanceWidth: shared.advanceWidth, codePoints: [codePoint] };
      glyphs.set(codePoint, glyph);
    }
    return glyph;
  };
  const advance = (codePoint: number) => glyphFor(codePoint).advanceWidth;
  const kernedRuns = new Map<string, { glyphs: Glyph[]; advances: number[] }>();
  const kernedRun = (text: string) => {
    let found = kernedRuns.get(text);
    if (!found) {
      const shaped = shape(text, KERN_ONLY);
      const codePoints = [...text].map((char) => char.codePointAt(0)!);
      // Kerning substitutes nothing: one glyph per character, whose code point is known.
      const own = shaped.glyphs.length === codePoints.length ? shaped.glyphs.map((g, i) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: [codePoints[i]!] })) : shaped.glyphs;
      found = { glyphs: own, advances: shaped.positions.map((p) => p.xAdvance) };
      if (kernedRuns.size > 20_000) kernedRuns.clear();
      kernedRuns.set(text, found);
    }
    return found;
  };
  const layout = kerned
    ? (text: string) => {
        const { glyphs, advances: xs } = kernedRun(text);
        return run(glyphs, xs);
      }
    : (text: string) => {
        const glyphs = [...text].map((char) => glyphFor(char.codePointAt(0)!));
        return run(
          glyphs,
          glyphs.map((g) => g.advanceWidth),
        );
      };
  Object.defineProperty(font, 'layout', { value: layout, configurable: true, writable: true });
  return {
    source: font,
    outlines: (text) => {
      let x = 0;
      const glyphs = font.glyphsForString(text).map((glyph) => {
        const outline = { d: glyph.path.toSVG(), x };
        x += glyph.advanceWidth;
        return outline;
      });
      return { glyphs, width: x, unitsPerEm: font.unitsPerEm };
    },
    unitWidth: kerned
      ? (text) => kernedRun(text).advances.reduce((sum, a) => sum + a, 0) * scale
      : (text) => {
          let sum = 0;
          for (const char of text) sum += advance(char.codePointAt(0)!);
          return sum * scale;
        },
  };
}

let cache: Readonly<Record<FontKey, ReportFont>> | null = null;

/** The report's fonts, loaded on first use. */
export function reportFonts(): Readonly<Record<FontKey, ReportFont>> {
  if (!cache) {
    // The font packages declare no `exports`, so their files resolve as package subpaths.
    const require = createRequire(import.meta.url);
    const files = Object.fromEntries(FONT_KEYS.map((key) => [key, readFileSync(require.resolve(FONT_FILES[key]))])) as Record<FontKey, Buffer>;
    let create: ((data: Buffer) => FontkitFont) | null = null;
    try {
      // pdfkit's own font engine, as pdfkit resolves it.
      const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create?: (data: Buffer) => FontkitFont };
      if (typeof fontkit.create === 'function') create = fontkit.create;
    } catch {
      create = null;
    }
    cache = Object.fromEntries(
      FONT_KEYS.map((key): [FontKey, ReportFont] => {
        const font = create?.(files[key]);
        if (font && typeof font.layout === 'function' && typeof font.glyphsForString === 'function') return [key, prepare(font, KERNED.has(key))];
        // Without fontkit at hand, pdfkit shapes the files itself (slower, same glyphs).
        return [key, { source: files[key], unitWidth: () => Number.NaN, outlines: () => null }];
      }),
    ) as Record<FontKey, ReportFont>;
  }
  return cache;
}
