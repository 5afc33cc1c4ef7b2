/**
 * /s and /s/:code — joining a collective session from a phone (or a shared kiosk tablet): the
 * short code shown by the facilitator gives this participant a link of their own, then the
 * questionnaire opens. Nothing of SurveyJS is loaded here.
 */
import { Button, Checkbox, Paper, Stack, Text, TextInput } from '@mantine/core';
import { isSessionCode, normaliseSessionCode } from '#domain/collection';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { respondApi } from '../../api/respond-api';
import { describeError } from '../../components/errors';
import { announce } from '../../components/live-announcer';
import { PageTitle } from '../../components/page-title';
import { readDraft, readJoinedToken, writeJoinedToken, writeKioskCode } from './local-draft';
import { RespondLayout } from './respond-layout';

export function JoinSessionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code: codeInUrl = '' } = useParams();
  const [params] = useSearchParams();
  const [code, setCode] = useState(codeInUrl);
  const [kiosk, setKiosk] = useState(params.get('kiosk') === '1');
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function fail(message: string) {
    setError(message);
    setPending(false);
    input.current?.focus();
    announce(message, 'assertive');
  }

  async function join(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const normalised = normaliseSessionCode(code);
    if (!normalised) return fail(t('respond.join.empty'));
    if (!isSessionCode(normalised)) return fail(t('respond.join.malformed'));
    setError(undefined);

    // The same phone scanning the code again goes back to its answers rather than joining twice.
    const earlier = kiosk ? undefined : readJoinedToken(normalised);
    const earlierDraft = earlier ? readDraft(earlier) : undefined;
    if (earlier && earlierDraft && !earlierDraft.submitted) {
      await navigate(`/r/${encodeURIComponent(earlier)}`, { replace: true });
      return;
    }

    setPending(true);
    try {
      const joined = await respondApi.joinSession(normalised, kiosk);
      if (joined.kiosk) writeKioskCode(normalised);
      else {
        writeKioskCode(null);
        writeJoinedToken(normalised, joined.token);
      }
      await navigate(`/r/${encodeURIComponent(joined.token)}${joined.kiosk ? '?kiosk=1' : ''}`, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && (caught.code === 'session-not-found' || caught.code === 'session-closed')) fail(t('respond.join.notFound'));
      else if (caught instanceof ApiError && caught.status === 429) {
        fail(t('respond.join.tooMany', { count: Math.max(1, Math.ceil((caught.retryAfterSeconds ?? 60) / 60)) }));
      } else if (caught instanceof ApiError && caught.status === 400) fail(t('respond.join.malformed'));
      else fail(describeError(caught, t));
    }
  }

  return (
    <RespondLayout>
      <Paper p={{ base: 'lg', xs: 'xl' }} className="respond-join">
        <form noValidate onSubmit={(event) => void join(event)}>
          <Stack gap="lg">
            <div>
              <PageTitle>{t('respond.join.title')}</PageTitle>
              <Text mt={6}>{t('respond.join.intro')}</Text>
            </div>
            <TextInput
              ref={input}
              label={t('respond.join.code')}
              description={t('respond.join.codeHint')}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={error}
              size="xl"
              classNames={{ input: 'respond-code-input' }}
              autoComplete="off"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="go"
              maxLength={20}
              required
            />
            <Checkbox
              label={t('respond.join.kiosk')}
              description={t('respond.join.kioskHint')}
              checked={kiosk}
              onChange={(event) => setKiosk(event.currentTarget.checked)}
            />
            <Button type="submit" size="lg" loading={pending} fullWidth>
              {t('respond.join.submit')}
            </Button>
            {pending && (
              <Text size="sm" role="status" className="visually-hidden">
                {t('respond.join.joining')}
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
    </RespondLayout>
  );
}
