/**
 * What the respondent's browser keeps between visits, per link token: the submission's client id
 * (generated once, so a retry or a resumed visit updates the same submission), the answers given
 * so far and the page reached. Answers stay on the device until they are sent; after the final
 * submission only the id and the fact that it was sent remain, so a shared device shows no answers.
 *
 * Storage can be unavailable (private browsing, disabled by policy): everything then lives for
 * the page's lifetime only, and the server's copy is the one that resumes.
 */

const DRAFT_PREFIX = 'regards.respond.';
const KIOSK_CODE_KEY = 'regards.kiosk.code';
const JOINED_PREFIX = 'regards.joined.';

export interface LocalDraft {
  clientId: string;
  data: Record<string, unknown>;
  /** Name of the SurveyJS page reached. */
  page: string | null;
  /** ISO time of the last local change, compared with the server's `updatedAt`. */
  updatedAt: string;
  submitted: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(storage: Storage | undefined, key: string): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function writeItem(storage: Storage | undefined, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Full or disabled storage: the server keeps the answers sent at each page.
  }
}

function local(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function session(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function newClientId(): string {
  return crypto.randomUUID();
}

export function readDraft(token: string): LocalDraft | undefined {
  const value = readJson(local(), DRAFT_PREFIX + token);
  if (!isRecord(value) || typeof value.clientId !== 'string' || !isRecord(value.data)) return undefined;
  return {
    clientId: value.clientId,
    data: value.data,
    page: typeof value.page === 'string' ? value.page : null,
    updatedAt: typeof value.updatedAt === 'string' ? value.updatedAt : new Date(0).toISOString(),
    submitted: value.submitted === true,
  };
}

export function writeDraft(token: string, draft: LocalDraft): void {
  writeItem(local(), DRAFT_PREFIX + token, JSON.stringify(draft));
}

/** After the final submission: the id and the fact only, no answers. */
export function markDraftSubmitted(token: string, clientId: string): void {
  writeDraft(token, { clientId, data: {}, page: null, updatedAt: new Date().toISOString(), submitted: true });
}

export function clearDraft(token: string): void {
  writeItem(local(), DRAFT_PREFIX + token, null);
}

/**
 * The session code a kiosk re-joins with after each person: kept for the browser tab only, so
 * closing the tab ends kiosk mode on that device.
 */
export function readKioskCode(): string | undefined {
  const value = readJson(session(), KIOSK_CODE_KEY);
  return typeof value === 'string' ? value : undefined;
}

export function writeKioskCode(code: string | null): void {
  writeItem(session(), KIOSK_CODE_KEY, code === null ? null : JSON.stringify(code));
}

/**
 * The link a participant's phone got when joining a session: scanning the code again brings the
 * same person back to their answers instead of counting them twice.
 */
export function readJoinedToken(code: string): string | undefined {
  const value = readJson(local(), JOINED_PREFIX + code);
  return typeof value === 'string' ? value : undefined;
}

export function writeJoinedToken(code: string, token: string): void {
  writeItem(local(), JOINED_PREFIX + code, JSON.stringify(token));
}
