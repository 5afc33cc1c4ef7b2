/**
 * The cover: a teal band with the organization's name (and its logo, when it can be drawn), the
 * evaluation and its period; below, the report's title, its version, the network and the authors.
 * No running header or footer.
 */
import { drawableImage } from './image.js';
import { reportMessages } from './messages.js';
import type { ReportModel } from './report-model.js';
import { COLORS, FRAME, PAGE } from './theme.js';
import { clampLines, type Line, type TextStyle } from './text-layout.js';
import { formatDate } from './typography.js';
import type { ReportWriter, Typeset } from './writer.js';

const BAND = PAGE.height * 0.56;
const LOGO = { width: 132, height: 80 } as const;

const t = (font: TextStyle['font'], size: number, color: string, leading: number, tracking?: number): Typeset => ({
  style: tracking ? { font, size, color, tracking } : { font, size, color },
  leading,
});

const STYLES = {
  kicker: t('sansSemiBold', 8.5, COLORS.white, 12, 1.3),
  organization: t('sansBold', 32, COLORS.white, 37),
  evaluation: t('sansSemiBold', 14, COLORS.accentLight, 18),
  period: t('sans', 10, COLORS.accentLight, 14),
  title: t('sansBold', 21, COLORS.ink, 26),
  version: t('sansSemiBold', 10.5, COLORS.accent, 14),
  line: t('sans', 10, COLORS.ink, 14.5),
  muted: t('sans', 9, COLORS.muted, 13),
  footer: t('sans', 7.5, COLORS.muted, 10),
  draft: t('sansSemiBold', 9, COLORS.accentDark, 12),
};

/** Concentric polygons, the dashboard's radar grid, as a quiet motif in the band. */
function drawMotif(w: ReportWriter): void {
  const doc = w.doc;
  const cx = PAGE.width * 0.84;
  const cy = BAND * 0.36;
  const sides = 6;
  doc.save().rect(0, 0, PAGE.width, BAND).clip();
  doc.lineWidth(0.8).strokeColor(COLORS.accentMid).strokeOpacity(0.45);
  for (let r = 36; r <= 330; r += 42) {
    const points = Array.from({ length: sides }, (_, i): [number, number] => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / sides;
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    });
    doc.polygon(...points).stroke();
  }
  for (let i = 0; i < sides; i++) {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / sides;
    doc.moveTo(cx, cy).lineTo(cx + 330 * Math.cos(a), cy + 330 * Math.sin(a)).stroke();
  }
  doc.restore();
}

function block(w: ReportWriter, text: string, typeset: Typeset, width: number, maxLines: number): Line[] {
  return clampLines(w.textLines(text, typeset, width), maxLines, width, w.measure);
}

/** The logo, opened by pdfkit, or null when it cannot be drawn (the cover goes without). */
function openLogo(w: ReportWriter, model: ReportModel): PDFKit.Mixins.ImageSrc | null {
  const data = drawableImage(model.organization.logo);
  if (!data) return null;
  try {
    // pdfkit's image reader (not in its typings); an opened image is drawn as is.
    return (w.doc as unknown as { openImage(src: Buffer): PDFKit.Mixins.ImageSrc }).openImage(data);
  } catch {
    return null;
  }
}

export function drawCover(w: ReportWriter, model: ReportModel): void {
  const messages = reportMessages(model.locale);
  const x = FRAME.left;
  const width = FRAME.width;
  w.artifact(() => {
    w.fillRect(0, 0, PAGE.width, BAND, COLORS.accent);
    drawMotif(w);
  });

  const logo = openLogo(w, model);
  const logoLeft = PAGE.width - FRAME.left - LOGO.width;
  const kickerWidth = logo ? logoLeft - x - 16 : width;
  w.tagged('P', () => w.drawLines(block(w, messages.coverKicker.toLocaleUpperCase(messages.intlLocale), STYLES.kicker, kickerWidth, 2), STYLES.kicker, x, 58));
  if (logo) {
    w.tagged(
      'Figure',
      () => {
        w.doc.save().roundedRect(logoLeft, 48, LOGO.width, LOGO.height, 6).fill(COLORS.white).restore();
        w.doc.image(logo, logoLeft + 10, 48 + 8, { fit: [LOGO.width - 20, LOGO.height - 16], align: 'center', valign: 'center' });
      },
      { alt: model.organization.name },
    );
  }

  // The organization, the evaluation and its period sit at the foot of the band.
  const organization = block(w, model.organization.name, STYLES.organization, width - 20, 4);
  const evaluation = block(w, model.evaluation.title, STYLES.evaluation, width - 20, 3);
  const period = block(w, messages.coverPeriod(formatDate(model.evaluation.opensAt, model.locale), formatDate(model.evaluation.closesAt, model.locale)), STYLES.period, width, 2);
  const bandText = organization.length * STYLES.organization.leading + 10 + evaluation.length * STYLES.evaluation.leading + 4 + period.length * STYLES.period.leading;
  let y = BAND - 46 - bandText;
  w.tagged('H1', () => w.drawLines(organization, STYLES.organization, x, y));
  y += organization.length * STYLES.organization.leading + 10;
  const evaluationTop = y;
  w.tagged('P', () => w.drawLines(evaluation, STYLES.evaluation, x, evaluationTop));
  y += evaluation.length * STYLES.evaluation.leading + 4;
  const periodTop = y;
  w.tagged('P', () => w.drawLines(period, STYLES.period, x, periodTop));

  // Below the band: the report itself.
  y = BAND + 42;
  const title = block(w, model.title, STYLES.title, width, 4);
  const titleTop = y;
  w.tagged('P', () => w.drawLines(title, STYLES.title, x, titleTop));
  y += title.length * STYLES.title.leading + 6;
  const lines: Array<[Line[], Typeset]> = [];
  if (model.versionLabel.trim()) lines.push([block(w, model.versionLabel, STYLES.version, width, 2), STYLES.version]);
  const gapAfterVersion = lines.length;
  if (model.network.trim()) lines.push([block(w, messages.coverNetwork(model.network), STYLES.line, width, 2), STYLES.line]);
  const authors = model.authors.map((a) => a.trim()).filter((a) => a !== '');
  if (authors.length > 0) lines.push([block(w, messages.coverAuthors(authors.join(', ')), STYLES.line, width, 3), STYLES.line]);
  lines.push([block(w, messages.coverGenerated(formatDate(model.generatedAt, model.locale)), STYLES.muted, width, 1), STYLES.muted]);
  lines.forEach(([text, typeset], index) => {
    if (index === gapAfterVersion && index > 0) y += 14;
    const top = y;
    w.tagged('P', () => w.drawLines(text, typeset, x, top));
    y += text.length * typeset.leading + 2;
  });

  const footerTop = PAGE.height - 52;
  if (model.draft) {
    const draft = block(w, messages.draftNotice, STYLES.draft, width, 2);
    w.tagged('P', () => w.drawLines(draft, STYLES.draft, x, footerTop - 8 - draft.length * STYLES.draft.leading));
  }
  w.artifact(() => {
    w.rule(x, footerTop - 4, x + width, footerTop - 4, COLORS.rule, 0.6);
    w.drawLines(block(w, messages.coverFooter, STYLES.footer, width, 2), STYLES.footer, x, footerTop);
  });
}
