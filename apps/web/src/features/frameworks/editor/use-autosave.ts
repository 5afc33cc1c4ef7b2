import { canonicalJson } from '#domain/canonical-json';
import type { FrameworkContent } from '#domain/framework';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError, type ProblemFieldError } from '../../../api/client';
import { frameworksApi } from '../../../api/frameworks-api';
import { queryKeys } from '../../../api/query-keys';
import type { FrameworkVersionDetail } from '../../../api/types';

export const AUTOSAVE_DELAY_MS = 1500;

export type SaveStatus =
  /** Nothing to save. */
  | 'saved'
  /** A valid change waits for the debounce. */
  | 'pending'
  | 'saving'
  /** Changes that cannot be saved until the errors are fixed. */
  | 'invalid'
  /** The last save failed (network, server); the next change or "retry" tries again. */
  | 'failed'
  /** Someone saved meanwhile (409 stale-revision): saving stops until a reload. */
  | 'stale'
  /** The version was published meanwhile (409 version-published). */
  | 'published'
  /** The server refused the content (400), with its problems. */
  | 'rejected';

export interface Autosave {
  status: SaveStatus;
  error: unknown;
  serverErrors: ProblemFieldError[];
  /** Saves now; true when everything is saved. */
  flush: () => Promise<boolean>;
  retry: () => void;
}

interface Options {
  workspaceId: string;
  frameworkId: string;
  version: FrameworkVersionDetail;
  /** The validated working copy, or undefined while it is invalid. */
  valid: FrameworkContent | undefined;
  /** Whether the working copy differs from what was loaded (to tell "invalid" from "saved"). */
  touched: boolean;
  enabled: boolean;
}

/**
 * Saves a valid working copy of a draft shortly after each change, with the revision it is based
 * on: the server refuses a save based on a stale revision, so two people never silently overwrite
 * each other. One save at a time; changes made during a save are saved right after it.
 */
export function useAutosave({ workspaceId, frameworkId, version, valid, touched, enabled }: Options): Autosave {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<unknown>();
  const [serverErrors, setServerErrors] = useState<ProblemFieldError[]>([]);
  const revision = useRef(version.revision);
  // Canonical: the database (jsonb) does not keep key order, so plain JSON would differ at once.
  const savedJson = useRef<string>(canonicalJson(version.content));
  const latest = useRef<{ json: string; content: FrameworkContent } | undefined>(undefined);
  const inFlight = useRef<Promise<void> | undefined>(undefined);
  const stopped = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const save = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    if (stopped.current) return;
    if (inFlight.current) {
      await inFlight.current;
      return save();
    }
    const target = latest.current;
    // Nothing valid to save (the status already says why), or nothing new.
    if (!target) return;
    if (target.json === savedJson.current) {
      setStatus('saved');
      return;
    }
    setStatus('saving');
    const attempt = (async () => {
      try {
        const saved = await frameworksApi.saveContent(workspaceId, frameworkId, version.id, target.content, revision.current);
        revision.current = saved.revision;
        savedJson.current = target.json;
        setError(undefined);
        setServerErrors([]);
        queryClient.setQueryData(queryKeys.frameworkVersion(workspaceId, frameworkId, version.id), saved);
        void queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspaceId), exact: true });
        setStatus(latest.current?.json === savedJson.current ? 'saved' : 'pending');
      } catch (failure) {
        setError(failure);
        if (isApiError(failure, 'stale-revision')) {
          stopped.current = true;
          setStatus('stale');
        } else if (isApiError(failure, 'version-published')) {
          stopped.current = true;
          setStatus('published');
        } else if (failure instanceof ApiError && failure.code === 'validation-failed') {
          setServerErrors(failure.fieldErrors);
          setStatus('rejected');
        } else {
          setStatus('failed');
        }
        throw failure;
      }
    })();
    inFlight.current = attempt.catch(() => undefined);
    try {
      await attempt;
    } finally {
      inFlight.current = undefined;
    }
    // Changes typed during the save go out right away.
    if (latest.current && latest.current.json !== savedJson.current && !stopped.current) {
      timer.current = window.setTimeout(() => void save().catch(() => undefined), 0);
    }
  }, [workspaceId, frameworkId, version.id, queryClient]);

  useEffect(() => {
    if (!enabled || stopped.current) return;
    if (!valid) {
      latest.current = undefined;
      window.clearTimeout(timer.current);
      if (touched && !inFlight.current) setStatus('invalid');
      return;
    }
    const json = canonicalJson(valid);
    latest.current = { json, content: valid };
    if (json === savedJson.current) {
      if (!inFlight.current) setStatus('saved');
      return;
    }
    if (!inFlight.current) setStatus('pending');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save().catch(() => undefined), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer.current);
  }, [valid, touched, enabled, save]);

  // Leaving with unsaved changes: the browser asks; leaving inside the app saves what is valid.
  const unsaved = status === 'pending' || status === 'saving' || status === 'invalid' || status === 'failed';
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);
  useEffect(
    () => () => {
      if (latest.current && latest.current.json !== savedJson.current && !stopped.current && !inFlight.current) {
        void save().catch(() => undefined);
      }
    },
    [save],
  );

  const flush = useCallback(async () => {
    if (stopped.current) return false;
    try {
      await save();
      if (inFlight.current) await inFlight.current;
    } catch {
      return false;
    }
    return latest.current !== undefined && latest.current.json === savedJson.current;
  }, [save]);

  const retry = useCallback(() => void save().catch(() => undefined), [save]);

  return { status, error, serverErrors, flush, retry };
}
