import type { SectionFields } from '../../api/reports-api';

/**
 * What the browser keeps of a section being written until the server has it: the fields as
 * typed and the section version they started from. Written on every change, removed once a save
 * is acknowledged; found again after a closed tab or a network failure. Keyed by user as well,
 * so that a shared computer never shows one person's draft to another.
 *
 * Storage can be unavailable (private browsing, disabled by policy): the page then keeps the
 * draft for its own lifetime only.
 */
export interface SectionDraft {
  baseVersion: number;
  fields: SectionFields;
  /** ISO time of the last change */
  savedAt: string;
}

const PREFIX = 'regards.report.';

function key(userId: string, reportId: string, sectionKey: string): string {
  return `${PREFIX}${userId}.${reportId}.${sectionKey}`;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isFields(value: unknown): value is SectionFields {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (
    typeof fields.title === 'string' &&
    typeof fields.narrative === 'string' &&
    isStringArray(fields.charts) &&
    isStringArray(fields.stories) &&
    Array.isArray(fields.testimonies) &&
    Array.isArray(fields.actions)
  );
}

export function readSectionDraft(userId: string, reportId: string, sectionKey: string): SectionDraft | undefined {
  try {
    const raw = storage()?.getItem(key(userId, reportId, sectionKey));
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<SectionDraft>;
    if (typeof value.baseVersion !== 'number' || !isFields(value.fields)) return undefined;
    return { baseVersion: value.baseVersion, fields: value.fields, savedAt: typeof value.savedAt === 'string' ? value.savedAt : new Date().toISOString() };
  } catch {
    return undefined;
  }
}

export function writeSectionDraft(userId: string, reportId: string, sectionKey: string, draft: SectionDraft): void {
  try {
    storage()?.setItem(key(userId, reportId, sectionKey), JSON.stringify(draft));
  } catch {
    // Full or disabled storage: the draft lives as long as the page.
  }
}

export function clearSectionDraft(userId: string, reportId: string, sectionKey: string): void {
  try {
    storage()?.removeItem(key(userId, reportId, sectionKey));
  } catch {
    // Nothing kept, nothing to remove.
  }
}
