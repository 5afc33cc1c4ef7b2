/**
 * The report's own words, in French (the reference) and English. French typography is written
 * in: a narrow no-break space (U+202F) before « : ; ! ? » and inside « », typographic apostrophes.
 */
import type { Locale } from '#domain';
import type { ReportSectionKind } from './report-model.js';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

const fr = {
  intlLocale: 'fr-FR',
  pdfLanguage: 'fr-FR',
  creator: 'Regards',
  coverKicker: 'Évaluation de l’utilité sociale',
  coverNetwork: (network: string) => `Accompagnement${NNBSP}: ${network}`,
  coverPeriod: (from: string, to: string) => `Collecte du ${from} au ${to}`,
  coverAuthors: (authors: string) => `Rédaction${NNBSP}: ${authors}`,
  coverGenerated: (date: string) => `Document produit le ${date}`,
  coverFooter: 'Regards · co-évaluation de l’utilité sociale en économie sociale et solidaire',
  draftNotice: `Projet${NNBSP}: ce document n’est pas validé.`,
  watermark: 'PROJET · DRAFT',
  contents: 'Sommaire',
  page: (n: number, total: number) => `page ${n} / ${total}`,
  sectionKinds: {
    summary: 'Synthèse',
    context: 'Contexte',
    dimension: 'Dimension',
    crossed: 'Regards croisés',
    'action-plan': 'Plan d’action',
    conclusion: 'Conclusion',
  } satisfies Record<ReportSectionKind, string>,
  annexKicker: 'Annexe',
  notWritten: 'Section non rédigée.',
  quotesHeading: 'Paroles recueillies',
  openQuote: `«${NNBSP}`,
  closeQuote: `${NNBSP}»`,
  storyReason: (reason: string) => `Pourquoi ce récit${NNBSP}: ${reason}`,
  actionPlan: 'Plan d’action',
  actionColumns: ['Recommandation', 'Qui', 'Quand'] as [string, string, string],
  methodAnnex: 'Annexe méthodologique',
  indicatorAnnex: 'Annexe des indicateurs',
  indicatorAnnexIntro:
    'Pour chaque dimension, le score (0 à 100) de chaque indicateur et le nombre de répondant·es, par groupe. Les chiffres retenus pour préserver l’anonymat sont marqués.',
  noIndicators: 'Aucun indicateur à présenter.',
  framework: 'Référentiel',
  frameworkLine: (name: string, version: string) => `${name}, version ${version}`,
  sources: 'Sources',
  dimensions: 'Dimensions retenues',
  groups: 'Groupes interrogés',
  groupColumns: ['Groupe', 'Réponses attendues', 'Réponses reçues', 'Taux de réponse', 'Anonymat'] as [string, string, string, string, string],
  groupsCaption: 'Participation de chaque groupe',
  underK: (k: number) => `<${NBSP}${k}`,
  noFigure: '—',
  underKNote: (k: number) => `«${NNBSP}<${NBSP}${k}${NNBSP}»${NNBSP}: moins de ${k} réponses, chiffre non affiché pour préserver l’anonymat.`,
  noFigureNote: `«${NNBSP}—${NNBSP}»${NNBSP}: pas de chiffre (rien n’était attendu, ou le chiffre est retenu).`,
  anonymity: 'Seuil d’anonymat',
  anonymityText: (k: number) =>
    `Aucun résultat n’est présenté pour un groupe de moins de ${k} répondant·es${NNBSP}; un chiffre qui permettrait de retrouver le sien par différence est retenu lui aussi. Les paroles citées sont anonymisées, sauf les témoignages donnés avec l’accord des personnes.`,
  calendar: 'Calendrier',
  calendarText: (from: string, to: string) => `Questionnaires ouverts du ${from} au ${to}.`,
  channels: 'Modes de collecte',
  notes: 'Remarques',
  none: 'Aucun.',
  day: (day: number) => (day === 1 ? '1er' : String(day)),
};

export type ReportMessages = typeof fr;

const en: ReportMessages = {
  intlLocale: 'en-GB',
  pdfLanguage: 'en',
  creator: 'Regards',
  coverKicker: 'Social utility evaluation',
  coverNetwork: (network: string) => `Supported by: ${network}`,
  coverPeriod: (from: string, to: string) => `Collection from ${from} to ${to}`,
  coverAuthors: (authors: string) => `Written by: ${authors}`,
  coverGenerated: (date: string) => `Document produced on ${date}`,
  coverFooter: 'Regards · co-evaluation of social utility in the social and solidarity economy',
  draftNotice: 'Draft: this document has not been validated.',
  watermark: 'DRAFT · PROJET',
  contents: 'Contents',
  page: (n: number, total: number) => `page ${n} / ${total}`,
  sectionKinds: {
    summary: 'Summary',
    context: 'Context',
    dimension: 'Dimension',
    crossed: 'Crossed perspectives',
    'action-plan': 'Action plan',
    conclusion: 'Conclusion',
  },
  annexKicker: 'Annex',
  notWritten: 'Section not written yet.',
  quotesHeading: 'In their words',
  openQuote: '“',
  closeQuote: '”',
  storyReason: (reason: string) => `Why this story: ${reason}`,
  actionPlan: 'Action plan',
  actionColumns: ['Recommendation', 'Who', 'When'],
  methodAnnex: 'Method annex',
  indicatorAnnex: 'Indicator annex',
  indicatorAnnexIntro:
    'For each dimension, the score (0 to 100) of each indicator and the number of respondents, by group. Figures withheld to protect anonymity are marked.',
  noIndicators: 'No indicator to show.',
  framework: 'Framework',
  frameworkLine: (name: string, version: string) => `${name}, version ${version}`,
  sources: 'Sources',
  dimensions: 'Chosen dimensions',
  groups: 'Groups asked',
  groupColumns: ['Group', 'Answers expected', 'Answers received', 'Response rate', 'Anonymity'],
  groupsCaption: 'Participation of each group',
  underK: (k: number) => `<${NBSP}${k}`,
  noFigure: '—',
  underKNote: (k: number) => `“<${NBSP}${k}”: fewer than ${k} answers, figure not shown to protect anonymity.`,
  noFigureNote: '“—”: no figure (nothing was expected, or the figure is withheld).',
  anonymity: 'Anonymity threshold',
  anonymityText: (k: number) =>
    `No result is shown for a group of fewer than ${k} respondents; a figure that would let one recover it by subtraction is withheld too. Quoted words are anonymised, except testimonies given with the people’s consent.`,
  calendar: 'Calendar',
  calendarText: (from: string, to: string) => `Questionnaires open from ${from} to ${to}.`,
  channels: 'Collection channels',
  notes: 'Notes',
  none: 'None.',
  day: (day: number) => String(day),
};

export function reportMessages(locale: Locale): ReportMessages {
  return locale === 'en' ? en : fr;
}
