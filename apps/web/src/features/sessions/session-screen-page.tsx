import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { sessionKeys, sessionsApi, type CollectiveSession, type SessionCounts } from '../../api/sessions-api';
import { NotFoundContent } from '../../app/not-found-page';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { IconArrowLeft } from '../../components/icons';
import { announce } from '../../components/live-announcer';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-error';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import { ConsensusPanel } from './consensus-panel';
import { sessionErrorText } from './session-errors';
import { formatTime, groupLabel, localeOf, spacedCode, spelledCode } from './session-labels';
import { useSession, type SessionRef } from './use-sessions';
import './sessions.css';

/**
 * The facilitator's screen of a collective session, made to be projected: the code and its QR
 * code, the live participation (polled every 2 s), the kiosk tablet's link, closing, and in
 * consensus mode the group's agreed answers.
 */
export function SessionScreenPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const { organizationId = '', evaluationId = '', sessionId = '' } = useParams();
  const sessionRef: SessionRef = { workspaceId: workspace.id, organizationId, evaluationId, sessionId };
  const session = useSession(sessionRef);

  if (session.data) return <SessionScreen sessionRef={sessionRef} session={session.data} stale={session.isRefetchError} />;
  if (session.isPending) return <PageLoader />;
  if (isApiError(session.error) && (session.error.status === 404 || session.error.status === 400)) return <NotFoundContent />;
  return (
    <Stack gap="md">
      <PageTitle>{t('sessions.title')}</PageTitle>
      <QueryError error={session.error} onRetry={() => void session.refetch()} />
    </Stack>
  );
}

function SessionScreen({ sessionRef, session, stale }: { sessionRef: SessionRef; session: CollectiveSession; stale: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage);
  const queryClient = useQueryClient();
  const [confirmClose, setConfirmClose] = useState(false);
  const { workspaceId, organizationId, evaluationId } = sessionRef;
  const evaluationUrl = `/w/${workspaceId}/organizations/${organizationId}/evaluations/${evaluationId}`;
  const open = session.status === 'open';

  const close = useMutation({
    mutationFn: () => sessionsApi.close(workspaceId, organizationId, evaluationId, session.id),
    onSuccess: async (closed) => {
      setConfirmClose(false);
      queryClient.setQueryData(sessionKeys.one(workspaceId, organizationId, evaluationId, session.id), closed);
      notifySuccess(t('sessions.actions.closed'));
      await queryClient.invalidateQueries({ queryKey: sessionKeys.list(workspaceId, organizationId, evaluationId), exact: true });
    },
    onError: (error) => {
      setConfirmClose(false);
      notifyError(sessionErrorText(error, t));
    },
  });

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={evaluationUrl} size="sm" className="back-link">
          <IconArrowLeft size={16} />
          {t('sessions.back')}
        </Anchor>
        <PageTitle mt="xs">{session.title ?? t('sessions.title')}</PageTitle>
        <Group gap="sm" mt={6}>
          <Text c="dimmed">{t('sessions.group', { group: groupLabel(session.groupKey, locale) })}</Text>
          <Badge color={open ? 'green' : 'gray'} c="dark.8" variant="light">
            {t(`sessions.status.${session.status}`)}
          </Badge>
          {session.consensus && (
            <Badge color="grape" c="grape.9" variant="light">
              {t('sessions.consensusMode')}
            </Badge>
          )}
          <Text c="dimmed" size="sm">
            {session.closedAt
              ? t('sessions.closedAt', { time: formatTime(session.closedAt, locale) })
              : t('sessions.openedAt', { time: formatTime(session.openedAt, locale) })}
          </Text>
        </Group>
      </div>

      <Projection session={session} stale={stale} />

      <Group>
        <Button component={Link} to={`${evaluationUrl}/sessions/${session.id}/debrief`} variant="light" title={t('analysis.debrief.openHint')}>
          {t('analysis.debrief.open')}
        </Button>
      </Group>

      {open && (
        <Group gap="md" align="flex-start">
          <Stack gap={4} align="flex-start" className="session-kiosk">
            <Button component="a" href={`${session.joinPath}?kiosk=1`} target="_blank" rel="noopener noreferrer" variant="default">
              {t('sessions.actions.kiosk')}
            </Button>
            <Text size="sm" c="dimmed">
              {t('sessions.actions.kioskHint')}
            </Text>
          </Stack>
          <Button color="red" variant="light" onClick={() => setConfirmClose(true)}>
            {t('sessions.actions.close')}
          </Button>
        </Group>
      )}

      {session.consensus && <ConsensusPanel sessionRef={sessionRef} groupKey={session.groupKey} />}

      <ConfirmDialog
        opened={confirmClose}
        title={t('sessions.actions.confirmTitle')}
        message={t('sessions.actions.confirmText')}
        confirmLabel={t('sessions.actions.close')}
        loading={close.isPending}
        onConfirm={() => close.mutate()}
        onClose={() => setConfirmClose(false)}
      />
    </Stack>
  );
}

/** What the room sees: how to join, and how many have answered. Can go full screen on its own. */
function Projection({ session, stale }: { session: CollectiveSession; stale: boolean }) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const joinHeading = useId();
  const liveHeading = useId();
  // The address people type or scan is this site's own: the facilitator's browser reaches it, so the room can too.
  const origin = window.location.origin;
  const joinUrl = `${origin}${session.joinPath}`;
  const canFullscreen = typeof document.documentElement.requestFullscreen === 'function' && document.fullscreenEnabled;

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === panel.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  function toggleFullscreen() {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void panel.current?.requestFullscreen();
  }

  return (
    <Paper ref={panel} className="session-projection" p={{ base: 'md', sm: 'xl' }} withBorder>
      {canFullscreen && (
        <Group justify="flex-end" mb="xs">
          <Button variant="subtle" size="compact-sm" onClick={toggleFullscreen}>
            {fullscreen ? t('sessions.actions.exitFullscreen') : t('sessions.actions.fullscreen')}
          </Button>
        </Group>
      )}
      <div className="session-projection-grid">
        <section aria-labelledby={joinHeading} className="session-join">
          <Title order={2} id={joinHeading} className="session-heading">
            {t('sessions.join.heading')}
          </Title>
          {session.status === 'open' ? (
            <>
              <Text className="session-instructions">{t('sessions.join.instructions', { url: `${origin}/s` })}</Text>
              <p className="session-code-block">
                <span className="session-code-label">{t('sessions.join.codeLabel')}</span>
                <span className="session-code" aria-hidden="true">
                  {spacedCode(session.code)}
                </span>
                <span className="visually-hidden">{spelledCode(session.code)}</span>
              </p>
              <Text className="session-scan">{t('sessions.join.scan')}</Text>
              <QRCodeSVG
                value={joinUrl}
                size={320}
                marginSize={2}
                level="M"
                className="session-qr"
                role="img"
                aria-label={t('sessions.join.qrLabel', { url: joinUrl })}
                title={t('sessions.join.qrLabel', { url: joinUrl })}
              />
            </>
          ) : (
            <Alert color="gray" variant="light">
              {t('sessions.closedNotice')}
            </Alert>
          )}
        </section>
        <section aria-labelledby={liveHeading} className="session-live">
          <Title order={2} id={liveHeading} className="session-heading">
            {t('sessions.live.heading')}
          </Title>
          <LiveCounts counts={session.counts} />
          {stale && (
            <Text size="sm" c="orange.9" mt="sm">
              {t('sessions.live.stale')}
            </Text>
          )}
        </section>
      </div>
    </Paper>
  );
}

/** The counts, with a polite announcement whenever they change (not on first display). */
function LiveCounts({ counts }: { counts: SessionCounts }) {
  const { t } = useTranslation();
  const summary = t('sessions.live.summary', { ...counts });
  const previous = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (previous.current !== undefined && previous.current !== summary) announce(summary, 'polite');
    previous.current = summary;
  }, [summary]);

  const percent = counts.expected > 0 ? Math.min(100, Math.round((counts.submitted / counts.expected) * 100)) : 0;
  return (
    <Stack gap="md">
      <dl className="session-counts">
        <div className="session-count">
          <dt>{t('sessions.live.joined')}</dt>
          <dd>{counts.joined}</dd>
        </div>
        <div className="session-count">
          <dt>{t('sessions.live.answering')}</dt>
          <dd>{counts.answering}</dd>
        </div>
        <div className="session-count session-count-main">
          <dt>{t('sessions.live.submitted')}</dt>
          <dd>
            {counts.submitted}
            {counts.expected > 0 && <span className="session-count-expected"> {t('sessions.live.expected', { count: counts.expected })}</span>}
          </dd>
        </div>
      </dl>
      {counts.expected > 0 ? (
        <Progress
          value={percent}
          size="xl"
          radius="xl"
          aria-label={t('sessions.live.progressLabel', { submitted: counts.submitted, expected: counts.expected })}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('sessions.live.noneExpected')}
        </Text>
      )}
    </Stack>
  );
}
