import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import {
  NARRATIVE_MAX,
  SECTION_FIELDS,
  sectionConflictOf,
  type ReportSection,
  type ReportsApi,
  type SectionField,
  type SectionFields,
} from '../../api/reports-api';
import { clearSectionDraft, readSectionDraft, writeSectionDraft, type SectionDraft } from './section-drafts';

/** Typing pauses this long before a save; leaving a field saves at once. */
export const AUTOSAVE_DELAY_MS = 1500;
/** After a network or server failure, the next attempt. */
const RETRY_DELAY_MS = 5000;

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'error'; error: unknown; willRetry: boolean }
  | { kind: 'too-long' }
  | { kind: 'conflict'; current: ReportSection };

export type SaveStatusKind = SaveStatus['kind'];

export function fieldsOf(section: ReportSection): SectionFields {
  return {
    title: section.title,
    narrative: section.narrative,
    charts: section.charts,
    stories: section.stories,
    testimonies: section.testimonies,
    actions: section.actions,
  };
}

/** The fields whose values differ (compared as JSON: arrays and objects by content). */
export function changedFields(before: SectionFields, after: SectionFields): SectionField[] {
  return SECTION_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

function pick(fields: SectionFields, names: readonly SectionField[]): Partial<SectionFields> {
  return Object.fromEntries(names.map((name) => [name, fields[name]])) as Partial<SectionFields>;
}

/** What is sent: the changed fields, without the rows just added and still empty (the API wants their text). */
function payload(fields: SectionFields, names: readonly SectionField[]): Partial<SectionFields> {
  const out = pick(fields, names);
  if (out.testimonies) out.testimonies = out.testimonies.filter((item) => item.text.trim() !== '' || (item.name ?? '').trim() !== '');
  if (out.actions) out.actions = out.actions.filter((item) => [item.recommendation, item.who, item.when].some((text) => text.trim() !== ''));
  return out;
}

interface Options {
  client: ReportsApi;
  userId: string;
  reportId: string;
  /** The section as the server last gave it. */
  section: ReportSection;
  /** Every section the server accepted (a save, or theirs taken in a conflict). */
  onSaved: (section: ReportSection) => void;
}

/**
 * A section's editing state and its autosave: changes are kept in the browser at once, sent
 * after a pause in typing (or when a field is left) with the version they started from, and
 * acknowledged before the local copy is dropped. A 409 stops the autosave of the section until
 * the writer resolves the conflict; a network or server failure is retried.
 */
export function useSectionAutosave({ client, userId, reportId, section, onSaved }: Options) {
  const sectionKey = section.key;
  const [start] = useState(() => {
    const server = fieldsOf(section);
    const draft = readSectionDraft(userId, reportId, sectionKey);
    if (draft && changedFields(server, draft.fields).length > 0) return { draft, fields: draft.fields, version: draft.baseVersion };
    if (draft) clearSectionDraft(userId, reportId, sectionKey);
    return { draft: undefined, fields: server, version: section.version };
  });

  const [fields, setFieldsState] = useState<SectionFields>(start.fields);
  const [status, setStatus] = useState<SaveStatus>(start.draft ? { kind: 'unsaved' } : { kind: 'saved' });
  const [restored, setRestored] = useState<SectionDraft | undefined>(start.draft);

  const fieldsRef = useRef(start.fields);
  /** The server's version this editing starts from, and the fields as they were then. */
  const base = useRef({ version: start.version, fields: fieldsOf(section) });
  const dirty = useRef(start.draft !== undefined);
  const inFlight = useRef(false);
  const conflict = useRef<ReportSection | null>(null);
  /** A restored draft waits for the writer's word before it is sent. */
  const held = useRef(start.draft !== undefined);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef({ client, onSaved, section });
  useEffect(() => {
    latest.current = { client, onSaved, section };
  });

  const setFields = useCallback((next: SectionFields) => {
    fieldsRef.current = next;
    setFieldsState(next);
  }, []);

  const keepLocally = useCallback(
    (next: SectionFields) => writeSectionDraft(userId, reportId, sectionKey, { baseVersion: base.current.version, fields: next, savedAt: new Date().toISOString() }),
    [userId, reportId, sectionKey],
  );
  const forgetLocally = useCallback(() => clearSectionDraft(userId, reportId, sectionKey), [userId, reportId, sectionKey]);

  const clearTimer = () => {
    if (timer.current !== undefined) window.clearTimeout(timer.current);
    timer.current = undefined;
  };

  const save = useCallback(async (): Promise<void> => {
    clearTimer();
    if (inFlight.current || conflict.current || held.current) return;
    const sending = fieldsRef.current;
    const changed = changedFields(base.current.fields, sending);
    if (changed.length === 0) {
      dirty.current = false;
      forgetLocally();
      setStatus({ kind: 'saved' });
      return;
    }
    if (sending.narrative.length > NARRATIVE_MAX) {
      setStatus({ kind: 'too-long' });
      return;
    }
    inFlight.current = true;
    setStatus({ kind: 'saving' });
    try {
      const saved = await latest.current.client.saveSection(sectionKey, { baseVersion: base.current.version, ...payload(sending, changed) });
      inFlight.current = false;
      // The server's own words (trimmed, default title…) are the base: the editor keeps what was typed.
      base.current = { version: saved.version, fields: fieldsOf(saved) };
      latest.current.onSaved(saved);
      if (fieldsRef.current === sending) {
        dirty.current = false;
        forgetLocally();
        setStatus({ kind: 'saved' });
      } else {
        // Typed while the save was on its way: the new version is the base of the next save.
        keepLocally(fieldsRef.current);
        setStatus({ kind: 'unsaved' });
        timer.current = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      }
    } catch (error) {
      inFlight.current = false;
      const current = sectionConflictOf(error);
      if (current) {
        conflict.current = current;
        setStatus({ kind: 'conflict', current });
        return;
      }
      const willRetry = isApiError(error) && (error.status === 0 || error.status === 429 || error.status >= 500);
      setStatus({ kind: 'error', error, willRetry });
      if (willRetry) timer.current = window.setTimeout(() => void save(), RETRY_DELAY_MS);
    }
  }, [sectionKey, forgetLocally, keepLocally]);

  const change = useCallback(
    (patch: Partial<SectionFields>) => {
      const next = { ...fieldsRef.current, ...patch };
      setFields(next);
      dirty.current = true;
      if (held.current) {
        // Writing on top of a restored draft is keeping it.
        held.current = false;
        setRestored(undefined);
      }
      keepLocally(next);
      if (conflict.current) return;
      if (!inFlight.current) setStatus({ kind: 'unsaved' });
      clearTimer();
      timer.current = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    },
    [keepLocally, save, setFields],
  );

  /** Leaving a field: no need to wait for the pause. */
  const flush = useCallback(() => {
    if (dirty.current && !held.current && !conflict.current && !inFlight.current) void save();
  }, [save]);

  const keepRestored = useCallback(() => {
    held.current = false;
    setRestored(undefined);
    void save();
  }, [save]);

  const discardRestored = useCallback(() => {
    held.current = false;
    setRestored(undefined);
    const server = latest.current.section;
    base.current = { version: server.version, fields: fieldsOf(server) };
    setFields(fieldsOf(server));
    dirty.current = false;
    forgetLocally();
    setStatus({ kind: 'saved' });
  }, [forgetLocally, setFields]);

  /** Conflict: my fields over theirs, saved on top of their version. */
  const keepMine = useCallback(() => {
    const current = conflict.current;
    if (!current) return;
    base.current = { version: current.version, fields: fieldsOf(current) };
    conflict.current = null;
    dirty.current = true;
    keepLocally(fieldsRef.current);
    void save();
  }, [keepLocally, save]);

  /** Conflict: their section as it is, my changes dropped. */
  const takeTheirs = useCallback(() => {
    const current = conflict.current;
    if (!current) return;
    base.current = { version: current.version, fields: fieldsOf(current) };
    conflict.current = null;
    dirty.current = false;
    setFields(fieldsOf(current));
    forgetLocally();
    setStatus({ kind: 'saved' });
    latest.current.onSaved(current);
  }, [forgetLocally, setFields]);

  /**
   * Conflict: the merged narrative; for the other fields, mine where I changed them, theirs
   * elsewhere. Saved on top of their version.
   */
  const saveMerged = useCallback(
    (narrative: string) => {
      const current = conflict.current;
      if (!current) return;
      const mine = fieldsRef.current;
      const minePart = changedFields(base.current.fields, mine).filter((field) => field !== 'narrative');
      const merged: SectionFields = { ...fieldsOf(current), ...pick(mine, minePart), narrative };
      base.current = { version: current.version, fields: fieldsOf(current) };
      conflict.current = null;
      dirty.current = true;
      setFields(merged);
      keepLocally(merged);
      void save();
    },
    [keepLocally, save, setFields],
  );

  // Someone else's saved change (or the report's new language) shows when nothing is pending here.
  useEffect(() => {
    if (dirty.current || inFlight.current || conflict.current || held.current) return;
    if (section.version < base.current.version) return;
    const server = fieldsOf(section);
    if (section.version === base.current.version && changedFields(base.current.fields, server).length === 0) return;
    base.current = { version: section.version, fields: server };
    setFields(server);
  }, [section, setFields]);

  // Back online: no need to wait for the next attempt.
  useEffect(() => {
    const online = () => {
      if (dirty.current && !inFlight.current && !conflict.current && !held.current) void save();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [save]);

  // Leaving the screen sends what is pending (the local copy stays until it is acknowledged).
  useEffect(
    () => () => {
      clearTimer();
      if (dirty.current && !inFlight.current && !conflict.current && !held.current) void save();
    },
    [save],
  );

  return { fields, status, restored, change, flush, retry: save, keepRestored, discardRestored, keepMine, takeTheirs, saveMerged };
}

export type SectionAutosave = ReturnType<typeof useSectionAutosave>;
