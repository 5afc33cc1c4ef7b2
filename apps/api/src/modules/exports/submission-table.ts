import {
  COMMENT_SUFFIX,
  DONT_KNOW_LABEL,
  DONT_KNOW_VALUE,
  STAKEHOLDER_GROUPS,
  STAKEHOLDER_GROUP_KEYS,
  indicatorsByKey,
  localize,
  type AnonymityMode,
  type CustomQuestion,
  type FrameworkContent,
  type Locale,
  type Questionnaire,
  type QuestionnaireQuestion,
  type StakeholderGroupKey,
  type SubmissionChannel,
  type SurveyQuestion,
} from '#domain';
import { spreadsheetCell, type SpreadsheetCellValue } from '#domain/spreadsheet-cell';
import { ANSWER_DESCRIPTIONS, CHANNEL_LABELS, LEADING_COLUMNS, QUESTION_SHEET_COLUMNS, YES_NO_LABELS } from './export-labels.js';

/**
 * The table of an export, independent of the file format: its columns, and the row of each
 * submitted submission. Pure, so that what is exported (and what is not) is tested without a
 * database.
 *
 * Columns: the submission's id, group, channel and submission date, the respondent's name only
 * when a named group is exported, the exclusion (only when excluded submissions are asked for),
 * then one column per question of the exported groups' questionnaires — a question asked of
 * several groups is one column, in questionnaire order — each followed by its "pourquoi ?"
 * column where the question offers one.
 *
 * Identity: anonymous groups export no identifying field, and their date is the day only (as it
 * is stored). Confidential groups export no name either: who answered is known to the
 * facilitator only and never appears in results, an export included. Only named groups, whose
 * respondents consented to be named, carry a name.
 *
 * Values: labels in the chosen language (question titles, choice labels, "Je ne sais pas"), or
 * codes (question keys, choice values, `dont_know`). Numeric answers stay numbers in both modes —
 * scales included, even where each point has a label: the "Questions" sheet gives the labels of
 * the points. Several choices are joined with "; ". Every text, headers included, goes through
 * `spreadsheetCell`, so nothing can run as a formula.
 */

export interface ExportOptions {
  locale: Locale;
  /** Keys and values instead of labels. */
  codes: boolean;
  includeExcluded: boolean;
}

export interface ExportGroup {
  groupKey: StakeholderGroupKey;
  anonymity: AnonymityMode;
  questionnaire: Questionnaire;
}

/** What the questionnaires were compiled from: for the order of questions and the codebook. */
export interface ExportFramework {
  content: FrameworkContent;
  dimensionKeys: readonly string[];
  customQuestions: readonly CustomQuestion[];
}

export interface AnswerRecord {
  questionKey: string;
  part: 'answer' | 'why';
  numericValue: number | null;
  choiceValue: string | null;
  textValue: string | null;
  dontKnow: boolean;
}

export interface SubmissionRecord {
  id: string;
  groupKey: StakeholderGroupKey;
  channel: SubmissionChannel;
  submittedAt: Date;
  /** Read for named groups only. */
  respondentName: string | null;
  excludedAt: Date | null;
  exclusionReason: string | null;
  answers: readonly AnswerRecord[];
}

/** A date the writers format: a day (UTC midnight) or an instant. */
export interface ExportDate {
  date: Date;
  dayOnly: boolean;
}
export type ExportCell = SpreadsheetCellValue | ExportDate;

export interface ExportColumn {
  header: string;
  /** In characters, for XLSX. */
  width: number;
}

export interface ExportSheet {
  columns: ExportColumn[];
  rows: ExportCell[][];
}

interface QuestionColumn {
  question: QuestionnaireQuestion;
  element: SurveyQuestion;
  groups: StakeholderGroupKey[];
}

const MULTIPLE_CHOICE_SEPARATOR = '; ';

export function isExportDate(cell: ExportCell): cell is ExportDate {
  return typeof cell === 'object' && cell !== null;
}

/** Midnight UTC of the day: nothing finer than the day leaves for an anonymous group. */
export function dayOf(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Every question key in the order compileQuestionnaire places them, whatever the group: kept
 * dimensions in the framework's order, each with the framework's questions, then the
 * organization's own. Each group's questionnaire is a subsequence of it.
 */
export function questionOrder(framework: ExportFramework): string[] {
  const kept = new Set(framework.dimensionKeys);
  const keys: string[] = [];
  for (const dimension of framework.content.dimensions) {
    if (!kept.has(dimension.key)) continue;
    for (const criterion of dimension.criteria) {
      for (const indicator of criterion.indicators) keys.push(...indicator.questions.map((question) => question.key));
    }
    for (const item of framework.customQuestions) {
      if (item.dimensionKey === dimension.key) keys.push(...item.indicator.questions.map((question) => question.key));
    }
  }
  return keys;
}

export class SubmissionTable {
  readonly columns: ExportColumn[];
  private readonly questions: QuestionColumn[];
  private readonly anonymity = new Map<StakeholderGroupKey, AnonymityMode>();
  private readonly withName: boolean;

  constructor(
    groups: readonly ExportGroup[],
    private readonly framework: ExportFramework,
    private readonly options: ExportOptions,
  ) {
    const sorted = [...groups].sort((a, b) => STAKEHOLDER_GROUP_KEYS.indexOf(a.groupKey) - STAKEHOLDER_GROUP_KEYS.indexOf(b.groupKey));
    const byKey = new Map<string, QuestionColumn>();
    for (const group of sorted) {
      this.anonymity.set(group.groupKey, group.anonymity);
      const elements = new Map(group.questionnaire.survey.pages.flatMap((page) => page.elements).map((element) => [element.name, element]));
      for (const question of group.questionnaire.questions) {
        const known = byKey.get(question.key);
        if (known) known.groups.push(group.groupKey);
        else byKey.set(question.key, { question, element: elements.get(question.key)!, groups: [group.groupKey] });
      }
    }
    const rank = new Map(questionOrder(framework).map((key, index) => [key, index]));
    const last = rank.size;
    this.questions = [...byKey.values()].sort((a, b) => (rank.get(a.question.key) ?? last) - (rank.get(b.question.key) ?? last));
    this.withName = sorted.some((group) => group.anonymity === 'named');

    const leading = [
      this.leadingColumn('submissionId', 38),
      this.leadingColumn('group', 26),
      this.leadingColumn('channel', 20),
      this.leadingColumn('submittedAt', 20),
      ...(this.withName ? [this.leadingColumn('respondentName', 26)] : []),
      ...(options.includeExcluded ? [this.leadingColumn('excluded', 10), this.leadingColumn('exclusionReason', 36)] : []),
    ];
    const questionColumns = this.questions.flatMap(({ question, element }) => {
      const header = options.codes ? question.key : element.title[options.locale];
      const columns = [{ header: text(header), width: clamp(header.length, 12, 40) }];
      if (question.why) {
        const why = options.codes ? question.key + COMMENT_SUFFIX : `${element.title[options.locale]} — ${whyLabel(element, options.locale)}`;
        columns.push({ header: text(why), width: 40 });
      }
      return columns;
    });
    this.columns = [...leading, ...questionColumns];
  }

  get headers(): string[] {
    return this.columns.map((column) => column.header);
  }

  /** The row of one submitted submission, one cell per column. */
  row(submission: SubmissionRecord): ExportCell[] {
    const { codes, locale, includeExcluded } = this.options;
    // A group the export does not know is treated as the most protective.
    const anonymity = this.anonymity.get(submission.groupKey) ?? 'anonymous';
    const cells: ExportCell[] = [
      text(submission.id),
      text(codes ? submission.groupKey : groupLabel(submission.groupKey, locale)),
      text(codes ? submission.channel : CHANNEL_LABELS[submission.channel][locale]),
      anonymity === 'anonymous' ? { date: dayOf(submission.submittedAt), dayOnly: true } : { date: submission.submittedAt, dayOnly: false },
    ];
    if (this.withName) cells.push(anonymity === 'named' ? spreadsheetCell(submission.respondentName) : null);
    if (includeExcluded) {
      const excluded = submission.excludedAt !== null;
      cells.push(text(codes ? (excluded ? 'yes' : 'no') : YES_NO_LABELS[excluded ? 'yes' : 'no'][locale]), spreadsheetCell(excluded ? submission.exclusionReason : null));
    }
    const byQuestion = new Map<string, AnswerRecord[]>();
    for (const answer of submission.answers) {
      const list = byQuestion.get(answer.questionKey);
      if (list) list.push(answer);
      else byQuestion.set(answer.questionKey, [answer]);
    }
    for (const column of this.questions) {
      const answers = byQuestion.get(column.question.key) ?? [];
      cells.push(this.answerCell(column, answers.filter((answer) => answer.part === 'answer')));
      if (column.question.why) cells.push(spreadsheetCell(answers.find((answer) => answer.part === 'why')?.textValue));
    }
    return cells;
  }

  /** The "Questions" sheet: key, label, groups, indicator, dimension and possible answers of each question column. */
  questionSheet(): ExportSheet {
    const { locale, codes } = this.options;
    const indicators = indicatorsByKey({ content: this.framework.content }, this.framework.customQuestions);
    const dimensions = new Map(this.framework.content.dimensions.map((dimension) => [dimension.key, dimension]));
    const widths: Record<keyof typeof QUESTION_SHEET_COLUMNS, number> = {
      key: 28,
      label: 60,
      groups: 30,
      indicatorKey: 26,
      indicator: 40,
      dimensionKey: 26,
      dimension: 36,
      answers: 60,
      whyColumn: 30,
    };
    const columns = (Object.keys(QUESTION_SHEET_COLUMNS) as Array<keyof typeof QUESTION_SHEET_COLUMNS>).map((name) => ({
      header: text(QUESTION_SHEET_COLUMNS[name][locale]),
      width: widths[name],
    }));
    const rows = this.questions.map(({ question, element, groups }) => {
      const indicator = indicators.get(question.indicatorKey);
      const dimension = dimensions.get(question.dimensionKey);
      return [
        text(question.key),
        text(element.title[locale]),
        text(groups.map((group) => (codes ? group : groupLabel(group, locale))).join(MULTIPLE_CHOICE_SEPARATOR)),
        text(question.indicatorKey),
        spreadsheetCell(indicator ? localize(indicator.title, locale) : null),
        text(question.dimensionKey),
        spreadsheetCell(dimension ? localize(dimension.title, locale) : null),
        text(possibleAnswers(question, element, locale)),
        question.why ? text(codes ? question.key + COMMENT_SUFFIX : `${element.title[locale]} — ${whyLabel(element, locale)}`) : null,
      ];
    });
    return { columns, rows };
  }

  private leadingColumn(name: keyof typeof LEADING_COLUMNS, width: number): ExportColumn {
    const labels = LEADING_COLUMNS[name];
    return { header: text(this.options.codes ? labels.code : labels[this.options.locale]), width };
  }

  private answerCell({ question, element }: QuestionColumn, answers: readonly AnswerRecord[]): SpreadsheetCellValue {
    if (answers.length === 0) return null;
    const { codes, locale } = this.options;
    if (answers.some((answer) => answer.dontKnow)) return text(codes ? DONT_KNOW_VALUE : choiceLabel(element, DONT_KNOW_VALUE, locale));
    if (question.answer.kind === 'multiple_choice') {
      const order = question.answer.choices;
      const values = answers.map((answer) => answer.choiceValue).filter((value): value is string => value !== null);
      values.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      return text(values.map((value) => (codes ? value : choiceLabel(element, value, locale))).join(MULTIPLE_CHOICE_SEPARATOR));
    }
    const [answer] = answers;
    if (answer!.numericValue !== null) return spreadsheetCell(answer!.numericValue);
    if (answer!.choiceValue !== null) return text(codes ? answer!.choiceValue : choiceLabel(element, answer!.choiceValue, locale));
    return spreadsheetCell(answer!.textValue);
  }
}

function text(value: string): string {
  return spreadsheetCell(value) as string;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function groupLabel(groupKey: StakeholderGroupKey, locale: Locale): string {
  return STAKEHOLDER_GROUPS.find((group) => group.key === groupKey)?.label[locale] ?? groupKey;
}

function whyLabel(element: SurveyQuestion, locale: Locale): string {
  return 'commentText' in element && element.commentText ? element.commentText[locale] : locale === 'fr' ? 'Pourquoi\u202f?' : 'Why?';
}

function choiceLabel(element: SurveyQuestion, value: string, locale: Locale): string {
  if ('choices' in element) {
    const choice = element.choices.find((item) => item.value === value);
    if (choice) return choice.text[locale];
  }
  return value === DONT_KNOW_VALUE ? DONT_KNOW_LABEL[locale] : value;
}

/** The codebook entry of a question: what its cells may hold. */
function possibleAnswers(question: QuestionnaireQuestion, element: SurveyQuestion, locale: Locale): string {
  const words = (name: keyof typeof ANSWER_DESCRIPTIONS) => ANSWER_DESCRIPTIONS[name][locale];
  switch (element.type) {
    case 'radiogroup':
    case 'checkbox':
      return element.choices.map((choice) => `${choice.value} = ${choice.text[locale]}`).join(MULTIPLE_CHOICE_SEPARATOR);
    case 'rating': {
      const ends = [
        element.minRateDescription && `${element.rateMin} = ${element.minRateDescription[locale]}`,
        element.maxRateDescription && `${element.rateMax} = ${element.maxRateDescription[locale]}`,
      ].filter(Boolean);
      return `${element.rateMin}–${element.rateMax}${ends.length > 0 ? ` (${ends.join(MULTIPLE_CHOICE_SEPARATOR)})` : ''}`;
    }
    case 'text': {
      const spec = question.answer;
      const integer = spec.kind === 'quantity' && spec.integer;
      const kind = words(integer ? 'wholeNumber' : 'number');
      return element.max === undefined ? `${kind}, ${words('atLeast')} ${element.min}` : `${kind}, ${element.min}–${element.max}`;
    }
    case 'comment':
      return words('text');
  }
}
