/**
 * Kiosk mode: one shared tablet for a whole session. A session link stands for one participant,
 * so after each person the tablet joins the session again, with the code kept for this browser
 * tab, and opens the new link in place of the old one: the previous answers are gone from the
 * device, from memory, and from the history (Back does not lead to them).
 */
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { respondApi, type RespondentView } from '../../api/respond-api';
import { describeError } from '../../components/errors';
import { clearDraft, readKioskCode, writeKioskCode } from './local-draft';
import { StatusPanel } from './status-panel';

const RESET_AFTER_SECONDS = 8;

type NextState = { kind: 'waiting' | 'joining' | 'over' | 'no-code' } | { kind: 'failed'; error: unknown };

/**
 * Between two people: after a submission, thanks and a countdown (or "next person" at once);
 * after someone gave up, straight to the next person.
 */
export function KioskNext({ token, view, submitted }: { token: string; view: RespondentView; submitted: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [seconds, setSeconds] = useState(submitted ? RESET_AFTER_SECONDS : 0);
  const [state, setState] = useState<NextState>(() => (readKioskCode() ? { kind: 'waiting' } : { kind: 'no-code' }));
  const joining = useRef(false);

  const next = useCallback(async () => {
    const code = readKioskCode();
    if (!code || joining.current) return;
    joining.current = true;
    setState({ kind: 'joining' });
    clearDraft(token);
    try {
      const joined = await respondApi.joinSession(code, true);
      // The new link has no draft on this device: the next person gets a new submission id.
      await navigate(`/r/${encodeURIComponent(joined.token)}?kiosk=1`, { replace: true });
    } catch (error) {
      joining.current = false;
      if (error instanceof ApiError && (error.code === 'session-not-found' || error.code === 'session-closed')) {
        writeKioskCode(null);
        setState({ kind: 'over' });
      } else setState({ kind: 'failed', error });
    }
  }, [navigate, token]);

  useEffect(() => {
    if (state.kind !== 'waiting') return;
    if (seconds <= 0) {
      void next();
      return;
    }
    const timer = window.setTimeout(() => setSeconds((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [seconds, state.kind, next]);

  return (
    <StatusPanel
      title={t(submitted ? 'respond.thanks.heading' : 'respond.kiosk.nextTitle')}
      context={`${view.evaluation.organizationName} · ${view.evaluation.title}`}
      tone={submitted ? 'success' : 'neutral'}
    >
      {submitted && <Text>{t('respond.thanks.text')}</Text>}
      {state.kind === 'waiting' && submitted && (
        <>
          <Text role="timer" aria-live="off">
            {t('respond.thanks.kioskNext', { count: seconds })}
          </Text>
          <Button size="md" onClick={() => void next()} w="fit-content">
            {t('respond.thanks.kioskNow')}
          </Button>
        </>
      )}
      {(state.kind === 'joining' || (state.kind === 'waiting' && !submitted)) && (
        <Text role="status">
          <Loader size="xs" mr="xs" aria-hidden="true" />
          {t('respond.thanks.kioskPreparing')}
        </Text>
      )}
      {state.kind === 'over' && <Text role="status">{t('respond.thanks.kioskSessionOver')}</Text>}
      {state.kind === 'no-code' && <Text>{t('respond.thanks.closeable')}</Text>}
      {state.kind === 'failed' && (
        <>
          <Alert color="red" variant="light" role="alert">
            {describeError(state.error, t)}
          </Alert>
          <Button onClick={() => void next()} w="fit-content">
            {t('respond.errors.retry')}
          </Button>
        </>
      )}
    </StatusPanel>
  );
}

/**
 * Someone walks away from the tablet halfway: the next person clears the screen instead of
 * finding those answers (they were never sent; the partial copy on the server expires).
 */
export function KioskStartOver({ onConfirm }: { onConfirm: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <Button variant="subtle" color="dark" onClick={() => setAsking(true)} w="fit-content">
        {t('respond.kiosk.startOver')}
      </Button>
    );
  }
  return (
    <Stack gap="sm" className="respond-card" role="group" aria-labelledby="respond-start-over">
      <Text id="respond-start-over">{t('respond.kiosk.startOverWarning')}</Text>
      <Group gap="sm">
        <Button ref={confirm} color="red.9" onClick={onConfirm}>
          {t('respond.kiosk.startOverConfirm')}
        </Button>
        <Button variant="default" onClick={() => setAsking(false)}>
          {t('respond.kiosk.keepAnswering')}
        </Button>
      </Group>
    </Stack>
  );
}
