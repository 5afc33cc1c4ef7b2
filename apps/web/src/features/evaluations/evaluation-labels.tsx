import { Badge } from '@mantine/core';
import type { SubmissionChannel } from '#domain/collection';
import type { AnonymityMode, EvaluationStatus } from '#domain/evaluation-status';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n/i18n';

const STATUS_COLORS: Record<EvaluationStatus, string> = {
  draft: 'gray',
  collecting: '#1d6b3b',
  analysing: '#8a5300',
  reporting: 'regards',
  closed: 'dark',
};

export function statusLabel(status: EvaluationStatus, t: TFunction): string {
  return t(`evaluations.status.${status}`);
}

export function StatusBadge({ status }: { status: EvaluationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm">
      {statusLabel(status, t)}
    </Badge>
  );
}

export function anonymityLabel(mode: AnonymityMode, t: TFunction): string {
  return t(`evaluations.anonymity.${mode}`);
}

export function anonymityHint(mode: AnonymityMode, t: TFunction): string {
  return t(`evaluations.anonymity.hint.${mode}`);
}

export function channelLabel(channel: SubmissionChannel, t: TFunction): string {
  return t(`evaluations.channel.${channel}`);
}

function intlLocale(): string {
  return currentLocale() === 'en' ? 'en-GB' : 'fr-FR';
}

/** A day, written out ("4 mai 2026"). */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'long' }).format(date);
}

/** A day and time, short ("04/05/2026 14:05"). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** A share as a percentage with at most one decimal ("42 %", "42,5 %"). */
export function formatRate(rate: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local day of an instant, as an `<input type="date">` value (YYYY-MM-DD). */
export function toDayInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The instant a day input stands for, in the facilitator's time zone: an opening day starts at
 * midnight, a closing day ends at 23:59:59 so that it is included. undefined when not a date.
 */
export function fromDayInput(value: string, edge: 'start' | 'end'): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = edge === 'start' ? new Date(year, month - 1, day, 0, 0, 0, 0) : new Date(year, month - 1, day, 23, 59, 59, 0);
  if (Number.isNaN(date.getTime()) || date.getMonth() !== month - 1) return undefined;
  return date.toISOString();
}

/** The shared day inputs' checks: both present, closing after opening. */
export function checkDays(opensAt: string, closesAt: string, t: TFunction): { opensAt?: string; closesAt?: string } {
  const opens = fromDayInput(opensAt, 'start');
  const closes = fromDayInput(closesAt, 'end');
  const errors: { opensAt?: string; closesAt?: string } = {};
  if (!opens) errors.opensAt = t('evaluations.validation.dateInvalid');
  if (!closes) errors.closesAt = t('evaluations.validation.dateInvalid');
  if (opens && closes && Date.parse(closes) <= Date.parse(opens)) errors.closesAt = t('evaluations.validation.closesBeforeOpens');
  return errors;
}
