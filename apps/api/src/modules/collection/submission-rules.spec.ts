import { describe, expect, it } from '@jest/globals';
import { channelOf, responseRate, settleExisting, underData, type ExistingSubmission, type IncomingSubmission } from './submission-rules.js';
import { roundedToDay } from './submission-writes.js';

const LINK = '6f1c0d5e-8a43-4a4e-9d55-1b0f2f6c9e01';
const OTHER_LINK = '0b7d9b8e-1f0e-4b8a-8f7e-0c6a2e9c4d12';

describe('channelOf', () => {
  it.each([
    ['personal', false, 'personal'],
    ['shared', false, 'shared'],
    ['session', false, 'session'],
    ['session', true, 'kiosk'],
  ] as const)('gives a %s link (kiosk %s) the %s channel', (kind, kiosk, channel) => {
    expect(channelOf(kind, kiosk)).toBe(channel);
  });
});

describe('roundedToDay', () => {
  it.each([
    ['2026-11-26T23:59:59.999Z', '2026-11-26T00:00:00.000Z'],
    ['2026-11-27T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
    // A Paris evening is still the UTC day it falls in.
    ['2026-06-30T23:30:00+02:00', '2026-06-30T00:00:00.000Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('keeps %s as %s', (at, day) => {
    expect(roundedToDay(new Date(at)).toISOString()).toBe(day);
  });
});

describe('underData', () => {
  it.each([
    ['q_reponse_besoins', 'data.q_reponse_besoins'],
    ['q_formes_engagement[1]', 'data.q_formes_engagement[1]'],
    ['q_reponse_besoins-Comment', 'data.q_reponse_besoins-Comment'],
    ['["a key with spaces"]', 'data["a key with spaces"]'],
    ['', 'data'],
  ])('points %j into the request body as %j', (path, expected) => {
    expect(underData([{ path, code: 'invalid_type', message: 'x' }])).toEqual([{ path: expected, code: 'invalid_type', message: 'x' }]);
  });
});

describe('settleExisting', () => {
  const partial: ExistingSubmission = { linkId: LINK, channel: 'shared', groupKey: 'volunteers', status: 'partial', data: { q: 1 } };
  const submitted: ExistingSubmission = { ...partial, status: 'submitted', data: { q: 4, r: ['a', 'b'] } };
  const incoming = (change: Partial<IncomingSubmission> = {}): IncomingSubmission => ({
    linkId: LINK,
    channel: 'shared',
    groupKey: 'volunteers',
    complete: true,
    data: { r: ['a', 'b'], q: 4 },
    ...change,
  });

  it.each<[string, ExistingSubmission, IncomingSubmission, ReturnType<typeof settleExisting>]>([
    ['a partial saved again through its link', partial, incoming({ complete: false }), 'update'],
    ['the same complete data again, keys in another order', submitted, incoming(), 'retry'],
    ['other data on a submitted submission', submitted, incoming({ data: { q: 5, r: ['a', 'b'] } }), 'already-submitted'],
    ['a partial save on a submitted submission', submitted, incoming({ complete: false }), 'already-submitted'],
    ['the id through another link', partial, incoming({ linkId: OTHER_LINK }), 'client-id-conflict'],
    ['the id through paper entry', submitted, incoming({ linkId: null, channel: 'paper' }), 'client-id-conflict'],
    ['the id for another group', submitted, incoming({ groupKey: 'staff' }), 'client-id-conflict'],
  ])('settles %s', (_name, existing, write, outcome) => {
    expect(settleExisting(existing, write)).toBe(outcome);
  });

  it('does not take unreadable data for a retry', () => {
    expect(settleExisting(submitted, incoming({ data: { q: Number.NaN } }))).toBe('already-submitted');
  });
});

describe('responseRate', () => {
  it.each([
    [0, 0, null],
    [3, 0, null],
    [0, 10, 0],
    [5, 10, 0.5],
    [12, 10, 1.2],
  ])('is %i over %i → %p', (submitted, expected, rate) => {
    expect(responseRate(submitted, expected)).toBe(rate);
  });
});
