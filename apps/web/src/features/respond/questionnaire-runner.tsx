/**
 * The questionnaire itself, as SurveyJS renders it, with what makes it safe to answer on a phone
 * with a poor connection: every change is kept on the device, every page change is sent to the
 * server as a partial submission, and the final submission is retried with the same client id
 * until the server has it (a double click or a retry updates one submission, never creates two).
 * Loaded on demand: this module pulls survey-core and survey-react-ui.
 */
import { Alert, Button, Checkbox, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CompletingEvent, PageModel, Question, SurveyModel } from 'survey-core';
import { ApiError, type ProblemFieldError } from '../../api/client';
import { respondApi, type CollectionClosedProblem, type RespondentView } from '../../api/respond-api';
import { currentLocale } from '../../app/i18n/i18n';
import { describeError } from '../../components/errors';
import { announce } from '../../components/live-announcer';
import { SurveyFrame } from '../../components/survey/survey-frame';
import { createSurveyModel } from '../../components/survey/survey-model';
import { clearDraft, markDraftSubmitted, newClientId, writeDraft } from './local-draft';
import type { RespondEnd } from './respond-page';
import type { Start } from './resume';

/** Waits before each new attempt at the final submission, then the respondent retries by hand. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];
const COMMENT_SUFFIX = '-Comment';

export interface QuestionnaireRunnerProps {
  token: string;
  view: RespondentView;
  start: Start;
  kiosk: boolean;
  onEnd: (end: RespondEnd) => void;
}

type Step = 'answering' | 'consent' | 'submitting';

/** A line of the error summary: an error of a question on another page names it. */
interface SummaryLine {
  question?: string;
  message: string;
}

function progressOf(model: SurveyModel): { current: number; count: number } {
  return { current: model.currentPageNo + 1, count: model.visiblePageCount };
}

/** No answer yet, or the server could not be reached: worth trying again with the same data. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;
}

/** The errors that end the visit: the link, the collection or the submission no longer accepts answers. */
function endOf(error: unknown): RespondEnd | undefined {
  if (!(error instanceof ApiError)) return undefined;
  switch (error.code) {
    case 'already-submitted':
      return { kind: 'already-submitted' };
    case 'link-invalid':
      return { kind: 'link-invalid' };
    case 'collection-closed': {
      const problem = error.problem as CollectionClosedProblem;
      return { kind: 'collection-closed', opensAt: problem.opensAt, closesAt: problem.closesAt };
    }
    case 'link-full':
      return { kind: 'link-full' };
    case 'link-already-used':
      return { kind: 'link-already-used' };
    default:
      return error.status === 404 ? { kind: 'link-invalid' } : undefined;
  }
}

/** A key of the SurveyJS data → the question it answers (`q_key-Comment` is q_key's "pourquoi ?"). */
function questionName(key: string): string {
  return key.endsWith(COMMENT_SUFFIX) ? key.slice(0, -COMMENT_SUFFIX.length) : key;
}

/** The answers to send: those of questions the respondent can see (a stale value of a question hidden since is dropped). */
function answersOf(model: SurveyModel): Record<string, unknown> {
  const visible = new Set(model.getAllQuestions(true).map((question) => question.name));
  return Object.fromEntries(Object.entries(model.data as Record<string, unknown>).filter(([key]) => visible.has(questionName(key))));
}

/** "data.q_key", "data.q_key[0]", "data.q_key-Comment" → the SurveyJS question they concern. */
function questionOfPath(model: SurveyModel, path: string): Question | undefined {
  const match = /^(?:body\.)?data\.([^.[\]]+)/.exec(path);
  if (!match) return undefined;
  const question = model.getQuestionByName(questionName(match[1]!));
  return question && question.isVisible ? question : undefined;
}

function answerErrorMessage(error: ProblemFieldError, t: TFunction): string {
  const known = [
    'required',
    'out_of_range',
    'not_integer',
    'not_finite',
    'invalid_type',
    'choice_not_offered',
    'duplicate_choice',
    'dont_know_not_offered',
    'dont_know_not_exclusive',
    'hidden_question',
    'text_too_long',
    'nul_character',
    'invalid_unicode',
  ] as const;
  const code = known.find((candidate) => candidate === error.code);
  return code ? t(`respond.answerErrors.${code}`) : t('respond.answerErrors.other');
}

/**
 * Where a respondent resumes on another device (the server does not keep the page reached): the
 * last page answered, or the next one once its required questions are answered.
 */
function resumePage(model: SurveyModel): PageModel | undefined {
  const pages = model.visiblePages;
  let last = -1;
  pages.forEach((page, index) => {
    if (page.questions.some((question) => question.isVisible && !question.isEmpty())) last = index;
  });
  if (last < 0) return undefined;
  const page = pages[last]!;
  const complete = page.questions.every((question) => !question.isVisible || !question.isRequired || !question.isEmpty());
  return complete && last + 1 < pages.length ? pages[last + 1] : page;
}

function buildModel(view: RespondentView, start: Start): SurveyModel {
  const model = createSurveyModel(view.questionnaire, currentLocale());
  // The page's h1 already names the questionnaire; PageProgress shows the progress, with its value.
  model.showTitle = false;
  model.showProgressBar = false;
  // Keyboard and screen-reader users land on the first question of each new page.
  model.autoFocusFirstQuestion = true;
  // A draft only ever holds this questionnaire's answers; anything else (a hand-edited or stale
  // copy) would be refused by the server with nothing the respondent could change.
  model.data = Object.fromEntries(Object.entries(start.data).filter(([key]) => model.getQuestionByName(questionName(key))));
  const page = (start.page ? model.getPageByName(start.page) : undefined) ?? resumePage(model);
  if (page?.isVisible) model.currentPage = page;
  return model;
}

export function QuestionnaireRunner({ token, view, start, kiosk, onEnd }: QuestionnaireRunnerProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const model = useMemo(() => buildModel(view, start), [view, start]);
  const clientId = useRef(start.clientId);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const submitting = useRef(false);
  const finished = useRef(false);
  const consentGiven = useRef<{ name: string } | undefined>(undefined);
  const focusAfterRender = useRef<Question | undefined>(undefined);
  const showingErrors = useRef(false);
  // Once the visit moved on (thanks, a kiosk's next person), a late answer from the server changes nothing.
  const mounted = useRef(true);
  const onEndRef = useRef(onEnd);
  const [step, setStep] = useState<Step>('answering');
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'offline'>('idle');
  const [summary, setSummary] = useState<SummaryLine[]>([]);
  const [progress, setProgress] = useState(() => progressOf(model));
  const [submitState, setSubmitState] = useState<'sending' | 'retrying' | 'failed'>('sending');
  const [consentError, setConsentError] = useState<string | undefined>(undefined);

  useEffect(() => {
    onEndRef.current = onEnd;
  }, [onEnd]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);

  const saveLocally = useCallback(() => {
    if (finished.current || !mounted.current) return;
    writeDraft(token, {
      clientId: clientId.current,
      data: model.data as Record<string, unknown>,
      page: model.currentPage?.name ?? null,
      updatedAt: new Date().toISOString(),
      submitted: false,
    });
  }, [model, token]);

  const send = useCallback(
    async (complete: boolean, consent?: { name: string }) => {
      const body = () => ({ data: answersOf(model), locale: currentLocale(), complete, ...(consent ? { consent } : {}) });
      try {
        return await respondApi.save(token, clientId.current, body());
      } catch (error) {
        // Another submission of the evaluation holds this id (a copied draft): take a new one.
        if (!(error instanceof ApiError) || error.code !== 'client-id-conflict') throw error;
        clientId.current = newClientId();
        saveLocally();
        return await respondApi.save(token, clientId.current, body());
      }
    },
    [model, token, saveLocally],
  );

  const end = useCallback(
    (reason: RespondEnd) => {
      if (!mounted.current) return;
      if (reason.kind === 'already-submitted' || reason.kind === 'thanks') {
        finished.current = true;
        if (kiosk) clearDraft(token);
        else markDraftSubmitted(token, clientId.current);
      }
      onEndRef.current(reason);
    },
    [kiosk, token],
  );

  /**
   * 422: each error beside its question, the others in the summary. The final submission goes to
   * the first question to correct; a save at a page change stays where the respondent is, and the
   * summary names the questions of other pages.
   */
  const showAnswerErrors = useCallback(
    (errors: ProblemFieldError[], goToFirst: boolean) => {
      const leftover: SummaryLine[] = [];
      const byQuestion = new Map<Question, string[]>();
      for (const error of errors) {
        const question = questionOfPath(model, String(error.path));
        const message = answerErrorMessage(error, t);
        if (question) byQuestion.set(question, [...(byQuestion.get(question) ?? []), message]);
        else leftover.push({ message });
      }
      const first = byQuestion.keys().next().value;
      if (goToFirst && first && model.currentPage !== first.page) {
        // Going back to the question is no new answer: nothing to save.
        showingErrors.current = true;
        model.currentPage = first.page as PageModel;
        showingErrors.current = false;
      }
      let focus: Question | undefined;
      for (const [question, messages] of byQuestion) {
        question.errors = [];
        for (const message of messages) question.addError(message);
        if (question.page === model.currentPage) focus ??= question;
        else leftover.push(...messages.map((message) => ({ question: question.title, message })));
      }
      focusAfterRender.current = focus;
      setSummary(leftover);
      // The summary is an alert of its own; errors shown only beside questions need saying.
      if (leftover.length === 0) announce(t('respond.survey.errorsTitle'), 'assertive');
    },
    [model, t],
  );

  const handleFailure = useCallback(
    (error: unknown, goToFirst: boolean) => {
      const reason = endOf(error);
      if (reason) end(reason);
      else if (error instanceof ApiError && error.status === 422) showAnswerErrors(error.fieldErrors, goToFirst);
      else setSummary([{ message: describeError(error, t) }]);
    },
    [end, showAnswerErrors, t],
  );

  const autosave = useCallback(() => {
    queue.current = queue.current.then(async () => {
      if (finished.current || submitting.current || !mounted.current) return;
      setSaveState('saving');
      try {
        await send(false);
        setSaveState('saved');
      } catch (error) {
        if (isTransient(error)) setSaveState('offline');
        else {
          setSaveState('idle');
          handleFailure(error, false);
        }
      }
    });
  }, [send, handleFailure]);

  const submit = useCallback(
    async (consent?: { name: string }) => {
      if (submitting.current || finished.current) return;
      submitting.current = true;
      consentGiven.current = consent;
      setStep('submitting');
      setSubmitState('sending');
      setSummary([]);
      setConsentError(undefined);
      saveLocally();
      await queue.current;
      try {
        for (let attempt = 0; ; attempt += 1) {
          try {
            await send(true, consent);
            break;
          } catch (error) {
            const delay = RETRY_DELAYS_MS[attempt];
            if (!isTransient(error) || delay === undefined) throw error;
            setSubmitState('retrying');
            await new Promise((resolve) => window.setTimeout(resolve, delay));
          }
        }
        submitting.current = false;
        end({ kind: 'thanks' });
      } catch (error) {
        submitting.current = false;
        if (isTransient(error)) {
          setSubmitState('failed');
          announce(t('respond.submit.failed'), 'assertive');
          return;
        }
        const consentProblem =
          error instanceof ApiError &&
          (error.code === 'consent-required' || error.fieldErrors.some((fieldError) => String(fieldError.path).startsWith('consent')));
        if (consentProblem && view.anonymity === 'named') {
          setStep('consent');
          setConsentError(t('respond.consent.agreeRequired'));
          return;
        }
        setStep('answering');
        handleFailure(error, true);
      }
    },
    [end, handleFailure, saveLocally, send, t, view.anonymity],
  );

  useEffect(() => {
    const onValueChanged = () => {
      saveLocally();
      // A condition may show or hide a whole page.
      setProgress(progressOf(model));
    };
    const onPageChanged = () => {
      setProgress(progressOf(model));
      if (showingErrors.current) return;
      saveLocally();
      setSummary([]);
      autosave();
    };
    const onCompleting = (_: SurveyModel, options: CompletingEvent) => {
      // The survey never completes itself: the server's answer decides what comes next.
      options.allow = false;
      if (view.anonymity === 'named') setStep('consent');
      else void submit();
    };
    model.onValueChanged.add(onValueChanged);
    model.onCurrentPageChanged.add(onPageChanged);
    model.onCompleting.add(onCompleting);
    return () => {
      model.onValueChanged.remove(onValueChanged);
      model.onCurrentPageChanged.remove(onPageChanged);
      model.onCompleting.remove(onCompleting);
    };
  }, [model, saveLocally, autosave, submit, view.anonymity]);

  useEffect(() => {
    if (step !== 'answering' || !focusAfterRender.current) return;
    const question = focusAfterRender.current;
    focusAfterRender.current = undefined;
    window.setTimeout(() => question.focus(true), 0);
  }, [step, summary]);

  return (
    <Stack gap="md">
      {summary.length > 0 && step === 'answering' && (
        <Alert color="red" variant="light" role="alert" title={t('respond.survey.errorsTitle')}>
          <List size="sm" spacing={4}>
            {summary.map((line, index) => (
              <List.Item key={index}>
                {line.question && <Text span fw={600} size="sm">{`${line.question} `}</Text>}
                {line.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <div className="respond-survey" hidden={step !== 'answering'}>
        <PageProgress current={progress.current} count={progress.count} />
        <SurveyFrame model={model} />
      </div>
      {step === 'answering' && saveState !== 'idle' && (
        <Text size="sm" c={saveState === 'offline' ? 'orange.9' : 'dimmed'} role="status" className="respond-save-state">
          {t(
            saveState === 'saving' ? 'respond.survey.saving' : saveState === 'saved' ? 'respond.survey.saved' : 'respond.survey.savedLocally',
          )}
        </Text>
      )}
      {step === 'consent' && (
        <ConsentForm
          defaultName={consentGiven.current?.name ?? view.respondentName ?? ''}
          serverError={consentError}
          onBack={() => setStep('answering')}
          onSubmit={(name) => void submit({ name })}
        />
      )}
      {step === 'submitting' && (
        <section className="respond-card" aria-live="polite">
          <Stack gap="md">
            {submitState === 'failed' ? (
              <>
                <Alert color="red" variant="light" role="alert">
                  {t('respond.submit.failed')}
                </Alert>
                <Button size="md" w="fit-content" onClick={() => void submit(consentGiven.current)}>
                  {t('respond.submit.retry')}
                </Button>
              </>
            ) : (
              <Text role="status">{t(submitState === 'retrying' ? 'respond.submit.retrying' : 'respond.submit.sending')}</Text>
            )}
          </Stack>
        </section>
      )}
    </Stack>
  );
}

/**
 * Where the respondent is, as text and as a bar with its value (SurveyJS's own bar has no
 * `aria-valuenow`, and its default page buttons are cut off on a phone).
 */
function PageProgress({ current, count }: { current: number; count: number }) {
  const { t } = useTranslation();
  const label = t('respond.survey.progress', { current, count });
  return (
    <div className="respond-progress">
      <Text size="sm" fw={500} aria-hidden="true">
        {label}
      </Text>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={1}
        aria-valuemax={count}
        aria-valuenow={current}
        aria-valuetext={label}
        className="respond-progress-track"
      >
        <div className="respond-progress-fill" style={{ width: `${Math.round((current / Math.max(count, 1)) * 100)}%` }} />
      </div>
    </div>
  );
}

/** Named groups: the name shown with the testimony and an explicit agreement, both required to send. */
function ConsentForm({
  defaultName,
  serverError,
  onBack,
  onSubmit,
}: {
  defaultName: string;
  serverError: string | undefined;
  onBack: () => void;
  onSubmit: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(defaultName);
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; agree?: string }>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const agreeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const agreeError = errors.agree ?? serverError;
  return (
    <section className="respond-card" aria-labelledby="respond-consent-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const next = {
            name: name.trim() ? undefined : t('respond.consent.nameRequired'),
            agree: agreed ? undefined : t('respond.consent.agreeRequired'),
          };
          setErrors(next);
          if (next.name) nameInput.current?.focus();
          else if (next.agree) agreeInput.current?.focus();
          else onSubmit(name.trim());
        }}
      >
        <Stack gap="md">
          <Title order={2} fz="lg" id="respond-consent-title" ref={heading} tabIndex={-1} className="page-title">
            {t('respond.consent.heading')}
          </Title>
          <Text>{t('respond.consent.intro')}</Text>
          <TextInput
            ref={nameInput}
            label={t('respond.consent.name')}
            description={t('respond.consent.nameHint')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            required
            autoComplete="name"
            maxLength={200}
          />
          <Checkbox
            ref={agreeInput}
            label={t('respond.consent.agree')}
            checked={agreed}
            onChange={(event) => setAgreed(event.currentTarget.checked)}
            error={agreeError}
            required
          />
          <Stack gap="sm" className="respond-actions">
            <Button type="submit" size="md">
              {t('respond.consent.submit')}
            </Button>
            <Button variant="default" size="md" onClick={onBack}>
              {t('respond.consent.back')}
            </Button>
          </Stack>
        </Stack>
      </form>
    </section>
  );
}

