import type { Locale, SubmissionChannel } from '#domain';

/**
 * The words of an export file, French first. Channel names match the facilitator's screens, so
 * a row reads the same in the file and in the submissions list. In codes mode the columns are
 * named by these keys instead (stable, for scripts).
 */
export const LEADING_COLUMNS = {
  submissionId: { code: 'submission_id', fr: 'Identifiant de la réponse', en: 'Submission ID' },
  group: { code: 'group', fr: 'Groupe', en: 'Group' },
  channel: { code: 'channel', fr: 'Canal', en: 'Channel' },
  submittedAt: { code: 'submitted_at', fr: 'Envoyée le (UTC)', en: 'Submitted (UTC)' },
  respondentName: { code: 'respondent_name', fr: 'Nom (groupe nominatif)', en: 'Name (named group)' },
  excluded: { code: 'excluded', fr: 'Exclue', en: 'Excluded' },
  exclusionReason: { code: 'exclusion_reason', fr: 'Motif d’exclusion', en: 'Exclusion reason' },
} as const satisfies Record<string, { code: string } & Record<Locale, string>>;

export const CHANNEL_LABELS: Record<SubmissionChannel, Record<Locale, string>> = {
  personal: { fr: 'Lien personnel', en: 'Personal link' },
  shared: { fr: 'Lien partagé', en: 'Shared link' },
  session: { fr: 'Séance collective', en: 'Collective session' },
  kiosk: { fr: 'Tablette partagée', en: 'Shared tablet' },
  paper: { fr: 'Questionnaire papier', en: 'Paper questionnaire' },
};

export const YES_NO_LABELS: Record<'yes' | 'no', Record<Locale, string>> = {
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
};

export const SHEET_NAMES: Record<'submissions' | 'questions', Record<Locale, string>> = {
  submissions: { fr: 'Réponses', en: 'Submissions' },
  questions: { fr: 'Questions', en: 'Questions' },
};

/** The columns of the "Questions" sheet: the codebook of the submissions sheet. */
export const QUESTION_SHEET_COLUMNS = {
  key: { fr: 'Clé', en: 'Key' },
  label: { fr: 'Question', en: 'Question' },
  groups: { fr: 'Groupes interrogés', en: 'Groups asked' },
  indicatorKey: { fr: 'Clé de l’indicateur', en: 'Indicator key' },
  indicator: { fr: 'Indicateur', en: 'Indicator' },
  dimensionKey: { fr: 'Clé de la dimension', en: 'Dimension key' },
  dimension: { fr: 'Dimension', en: 'Dimension' },
  answers: { fr: 'Réponses possibles (code = libellé)', en: 'Possible answers (code = label)' },
  whyColumn: { fr: 'Colonne «\u202fpourquoi\u202f?\u202f»', en: '“Why?” column' },
} as const satisfies Record<string, Record<Locale, string>>;

export const ANSWER_DESCRIPTIONS = {
  number: { fr: 'nombre', en: 'number' },
  wholeNumber: { fr: 'nombre entier', en: 'whole number' },
  atLeast: { fr: 'au moins', en: 'at least' },
  text: { fr: 'texte libre', en: 'free text' },
} as const satisfies Record<string, Record<Locale, string>>;
