import { HttpException } from '@nestjs/common';

/** One field-level problem, as listed in a problem+json `errors` array. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** Stable, documented codes of every error the API answers with. */
export const ERROR_CODES = {
  'validation-failed': { status: 400, title: 'La requête contient des erreurs / The request is invalid' },
  'malformed-json': { status: 400, title: 'Corps JSON illisible / Malformed JSON body' },
  'invalid-id': { status: 400, title: 'Identifiant invalide / Invalid identifier' },
  'unauthenticated': { status: 401, title: 'Connexion requise / Authentication required' },
  'invalid-credentials': { status: 401, title: 'E-mail ou mot de passe incorrect / Wrong e-mail or password' },
  'csrf-failed': { status: 403, title: 'Jeton CSRF absent ou invalide / Missing or invalid CSRF token' },
  'forbidden': { status: 403, title: 'Action non autorisée / Not allowed' },
  'not-found': { status: 404, title: 'Introuvable / Not found' },
  'invitation-invalid': { status: 404, title: "Invitation invalide ou expirée / Invalid or expired invitation" },
  'conflict': { status: 409, title: 'Conflit / Conflict' },
  'login-required': { status: 409, title: 'Connectez-vous pour accepter / Log in to accept' },
  'invitation-email-mismatch': { status: 409, title: "L'invitation vise une autre adresse / The invitation is for another address" },
  'version-published': { status: 409, title: 'Version publiée, non modifiable / Published version, read-only' },
  'stale-revision': { status: 409, title: 'Modifié entre-temps / Changed in the meantime' },
  'draft-exists': { status: 409, title: 'Un brouillon existe déjà / A draft already exists' },
  'not-published': { status: 409, title: 'Aucune version publiée / No published version' },
  'evaluation-locked': { status: 409, title: "L'évaluation n'est plus modifiable à ce stade / The evaluation can no longer change at this stage" },
  'evaluation-purged': { status: 409, title: 'Réponses individuelles effacées, seule l’analyse reste / Individual answers deleted, only the analysis remains' },
  'invalid-transition': { status: 409, title: 'Changement de statut impossible / Status change not allowed' },
  'anonymity-weakened': { status: 409, title: "L'anonymat ne peut plus être affaibli / Anonymity can no longer be weakened" },
  'self-assessment-required': { status: 409, title: "L'auto-évaluation fait partie de toute évaluation / Every evaluation has the self-assessment" },
  'report-conflict': { status: 409, title: 'Rapport modifié entre-temps / The report changed in the meantime' },
  'report-section-conflict': { status: 409, title: 'Partie du rapport modifiée entre-temps / The report section changed in the meantime' },
  'evaluation-status': { status: 409, title: "Impossible à ce stade de l'évaluation / Not possible at this stage of the evaluation" },
  'invalid-report-content': { status: 422, title: 'Contenu du rapport invalide / Invalid report content' },
  'invalid-image': { status: 422, title: 'Image invalide / Invalid image' },
  'render-queue-full': { status: 503, title: 'Trop de mises en page en attente / Too many renders waiting' },
  'work-queue-full': { status: 503, title: 'Trop d’exports et d’analyses en cours / Too many exports and analyses in progress' },
  'invalid-answers': { status: 422, title: 'Réponses invalides / Invalid answers' },
  'consent-required': { status: 422, title: 'Consentement requis / Consent required' },
  'link-invalid': { status: 404, title: "Ce lien n'est pas ou plus valide / This link is not valid (any more)" },
  'collection-closed': { status: 410, title: "La collecte n'est pas ouverte / Collection is not open" },
  'answers-final': { status: 410, title: 'L’évaluation est close, vos réponses ne changent plus / The evaluation is closed, your answers no longer change' },
  'link-full': { status: 410, title: 'Ce lien a reçu toutes les réponses prévues / This link has received all expected answers' },
  'already-submitted': { status: 409, title: 'Réponses déjà envoyées / Answers already submitted' },
  'link-already-used': { status: 409, title: 'Ce lien personnel a déjà servi / This personal link has already been used' },
  'client-id-conflict': { status: 409, title: 'Identifiant de réponse déjà pris / Submission id already taken' },
  'session-not-found': { status: 404, title: 'Aucune séance ouverte avec ce code / No open session with this code' },
  'session-closed': { status: 409, title: 'Séance terminée / Session closed' },
  'last-admin': { status: 409, title: 'Dernier·e administrateur·ice / Last administrator' },
  'wrong-password': { status: 400, title: 'Mot de passe actuel incorrect / Current password is wrong' },
  'payload-too-large': { status: 413, title: 'Requête trop volumineuse / Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Type de contenu non pris en charge / Unsupported content type' },
  'too-many-attempts': { status: 429, title: 'Trop de tentatives / Too many attempts' },
  'database-unavailable': { status: 503, title: 'Base de données indisponible / Database unavailable' },
  'internal-error': { status: 500, title: 'Erreur interne / Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one exception of the API: a code, a human detail, optional field errors and extras. */
export class AppException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail, ERROR_CODES[code].status);
  }

  static notFound(what = 'resource'): AppException {
    return new AppException('not-found', `No ${what} here, or you cannot see it.`);
  }

  static validation(errors: FieldError[]): AppException {
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return new AppException('validation-failed', detail, errors);
  }
}
