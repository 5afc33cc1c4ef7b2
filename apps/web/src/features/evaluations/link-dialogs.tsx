import { Alert, Button, Checkbox, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import type { AnonymityMode } from '#domain/evaluation-status';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { QRCodeSVG } from 'qrcode.react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionApi, CreatedLink } from '../../api/collection-api';
import { CopyField } from '../../components/copy-field';
import { IconDownload } from '../../components/icons';
import { groupLabel } from '../frameworks/framework-labels';
import { ProblemAlert, problemSentence, type ProblemSentence } from './evaluation-errors';
import { MAX_RESPONDENTS, downloadText, linksCsv, parseRespondents } from './link-files';

const smallScreen = () => window.matchMedia('(max-width: 30em)').matches;

/** The full address a respondent opens. */
export function linkUrl(link: Pick<CreatedLink, 'path'>): string {
  return new URL(link.path, window.location.origin).toString();
}

export interface LinkDialogProps {
  client: CollectionApi;
  groupKey: StakeholderGroupKey;
  anonymity: AnonymityMode;
  onClose: () => void;
  onCreated: (links: CreatedLink[]) => void;
}

/** One link per person: names and e-mails pasted one per line; a number of unnamed links for an anonymous group. */
export function PersonalLinksModal(props: LinkDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('evaluations.collection.personalModal.title', { group: groupLabel(props.groupKey) })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={smallScreen()}
    >
      <PersonalLinksForm {...props} />
    </Modal>
  );
}

function PersonalLinksForm({ client, groupKey, anonymity, onClose, onCreated }: LinkDialogProps) {
  const { t } = useTranslation();
  const anonymous = anonymity === 'anonymous';
  const [text, setText] = useState('');
  const [count, setCount] = useState<number | string>(10);
  const [send, setSend] = useState(true);
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<ProblemSentence>();
  const respondents = anonymous ? [] : parseRespondents(text);
  const withEmail = respondents.some((r) => r.email);

  const create = useMutation({
    mutationFn: () =>
      client.createLinks({
        groupKey,
        kind: 'personal',
        respondents: anonymous ? Array.from({ length: count as number }, () => ({})) : respondents,
        ...(withEmail ? { send } : {}),
      }),
    onSuccess: onCreated,
    onError: (failure) => setProblem(problemSentence(failure, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(undefined);
    const size = anonymous ? count : respondents.length;
    if (anonymous && (typeof size !== 'number' || !Number.isInteger(size) || size < 1)) {
      setError(t('evaluations.validation.countInvalid'));
      return;
    }
    if (!anonymous && respondents.length === 0) {
      setError(t('evaluations.collection.personalModal.empty'));
      return;
    }
    if ((size as number) > MAX_RESPONDENTS) {
      setError(t('evaluations.collection.personalModal.tooMany', { max: MAX_RESPONDENTS }));
      return;
    }
    setError(undefined);
    create.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('evaluations.collection.personalModal.intro')}</Text>
        {problem && <ProblemAlert problem={problem} />}
        {anonymous ? (
          <>
            <Alert color="blue" variant="light">
              {t('evaluations.collection.personalModal.anonymousIntro')}
            </Alert>
            <NumberInput
              label={t('evaluations.collection.personalModal.count')}
              min={1}
              max={MAX_RESPONDENTS}
              allowDecimal={false}
              allowNegative={false}
              value={count}
              error={error}
              onChange={setCount}
              maw={200}
              data-autofocus
            />
          </>
        ) : (
          <>
            <Textarea
              label={t('evaluations.collection.personalModal.respondents')}
              description={t('evaluations.collection.personalModal.respondentsHint')}
              autosize
              minRows={6}
              maxRows={14}
              value={text}
              error={error}
              spellCheck={false}
              onChange={(event) => setText(event.currentTarget.value)}
              data-autofocus
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('evaluations.collection.personalModal.parsed', { count: respondents.length })}
            </Text>
            {withEmail && (
              <Checkbox
                label={t('evaluations.collection.personalModal.send')}
                description={t('evaluations.collection.personalModal.sendHint')}
                checked={send}
                onChange={(event) => setSend(event.currentTarget.checked)}
              />
            )}
          </>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('evaluations.collection.personalModal.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One link for the whole group, optionally capped. */
export function SharedLinkModal({ client, groupKey, onClose, onCreated }: LinkDialogProps) {
  const { t } = useTranslation();
  const [cap, setCap] = useState<number | string>('');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<ProblemSentence>();

  const create = useMutation({
    mutationFn: () => client.createLinks({ groupKey, kind: 'shared', ...(typeof cap === 'number' ? { maxSubmissions: cap } : {}) }),
    onSuccess: onCreated,
    onError: (failure) => setProblem(problemSentence(failure, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(undefined);
    if (cap !== '' && (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 1)) {
      setError(t('evaluations.validation.countInvalid'));
      return;
    }
    setError(undefined);
    create.mutate();
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('evaluations.collection.sharedModal.title', { group: groupLabel(groupKey) })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={smallScreen()}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('evaluations.collection.sharedModal.intro')}</Text>
          {problem && <ProblemAlert problem={problem} />}
          <NumberInput
            label={t('evaluations.collection.sharedModal.cap')}
            description={t('evaluations.collection.sharedModal.capHint')}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={cap}
            error={error}
            onChange={setCap}
            maw={320}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('evaluations.collection.sharedModal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What a link is called in lists and files. */
export function linkName(link: Pick<CreatedLink, 'kind' | 'label' | 'email'>, t: TFunction): string {
  if (link.kind === 'shared') return t('evaluations.collection.sharedLink');
  return link.label ?? link.email ?? t('evaluations.collection.personalUnnamed');
}

/**
 * The links just created, shown this once (the server keeps only their hash): each with a copy
 * button and a QR code, and all of them as a CSV file built in the browser.
 */
export function CreatedLinksDialog({ links, onClose }: { links: CreatedLink[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [qrShown, setQrShown] = useState<ReadonlySet<string>>(() => new Set(links.length === 1 ? [links[0]!.id] : []));
  const names = links.map((link, index) => {
    const name = linkName(link, t);
    // Unnamed links are numbered so that each line of the file can be told apart.
    return link.kind === 'personal' && !link.label && !link.email ? `${name} ${index + 1}` : name;
  });

  function downloadCsv() {
    const rows = links.map((link, index): [string, string] => [names[index]!, linkUrl(link)]);
    const day = new Date().toISOString().slice(0, 10);
    downloadText(
      `liens-${links[0]?.groupKey ?? 'evaluation'}-${day}.csv`,
      linksCsv([t('evaluations.collection.tokens.csvName'), t('evaluations.collection.tokens.csvLink')], rows),
    );
  }

  const toggleQr = (id: string) =>
    setQrShown((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('evaluations.collection.tokens.title', { count: links.length })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={smallScreen()}
      closeOnClickOutside={false}
    >
      <Stack gap="md">
        <Alert color="yellow" variant="light">
          {t('evaluations.collection.tokens.once')}
        </Alert>
        <div>
          <Button variant="light" leftSection={<IconDownload size={16} />} onClick={downloadCsv}>
            {t('evaluations.collection.tokens.csv')}
          </Button>
        </div>
        <ul className="token-list">
          {links.map((link, index) => {
            const name = names[index]!;
            const url = linkUrl(link);
            const shown = qrShown.has(link.id);
            return (
              <li key={link.id} className="token-item">
                <CopyField label={t('evaluations.collection.tokens.linkFor', { name })} value={url} />
                {link.email && link.emailed && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('evaluations.collection.tokens.emailed', { email: link.email })}
                  </Text>
                )}
                <Button
                  variant="subtle"
                  size="compact-sm"
                  mt={6}
                  aria-expanded={shown}
                  aria-label={shown ? undefined : t('evaluations.collection.tokens.showQrLabel', { name })}
                  onClick={() => toggleQr(link.id)}
                >
                  {shown ? t('evaluations.collection.tokens.hideQr') : t('evaluations.collection.tokens.showQr')}
                </Button>
                {shown && (
                  <div className="qr-code">
                    <QRCodeSVG value={url} size={168} marginSize={2} role="img" aria-label={t('evaluations.collection.tokens.qrLabel', { name })} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('evaluations.collection.tokens.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
