import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AppException } from './app.exception.js';
import { toProblem } from './problem.filter.js';
import { WorkLimiter, closedSignal, type Release, type WorkLimits } from './work-limiter.js';

const limits = (overrides: Partial<WorkLimits> = {}): WorkLimits => ({ concurrency: 2, queue: 3, maxWaitMs: 10_000, retryAfterSeconds: 5, ...overrides });

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A promise's state without waiting for it. */
function track<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

/** What the API answers for a refusal: the problem document the global filter sends. */
function expectRefusal(error: unknown, detail: RegExp): void {
  expect(error).toBeInstanceOf(AppException);
  const problem = toProblem(error, '/api/v1/x');
  expect(problem).toMatchObject({ status: 503, code: 'work-queue-full', retryAfterSeconds: 5, type: 'https://regards.coop/problems/work-queue-full' });
  expect(problem.detail).toMatch(detail);
}

describe('WorkLimiter', () => {
  it('runs at most `concurrency` at once; the next ones wait and start in their order of arrival', async () => {
    const limiter = new WorkLimiter(limits());
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    const waiting = [track(limiter.acquire()), track(limiter.acquire()), track(limiter.acquire())];
    await settle();
    expect({ running: limiter.running, queued: limiter.queued }).toEqual({ running: 2, queued: 3 });
    expect(waiting.map((w) => w.done)).toEqual([false, false, false]);

    second();
    await settle();
    expect(waiting.map((w) => w.done)).toEqual([true, false, false]);
    first();
    await settle();
    expect(waiting.map((w) => w.done)).toEqual([true, true, false]);
    expect({ running: limiter.running, queued: limiter.queued }).toEqual({ running: 2, queued: 1 });

    (waiting[0]!.value as Release)();
    (waiting[1]!.value as Release)();
    await settle();
    (waiting[2]!.value as Release)();
    expect({ running: limiter.running, queued: limiter.queued }).toEqual({ running: 0, queued: 0 });
  });

  it('refuses at once with 503 work-queue-full and Retry-After when the line is full', async () => {
    const limiter = new WorkLimiter(limits({ concurrency: 1, queue: 1 }));
    await limiter.acquire();
    const waiting = track(limiter.acquire());
    const refused = await limiter.acquire().catch((error: unknown) => error);
    expectRefusal(refused, /1 heavy requests \(exports, analyses\) and 1 are waiting: try again in 5 s/);
    await settle();
    expect(waiting.done).toBe(false);
  });

  it('with no line (queue 0), refuses whatever finds every slot taken', async () => {
    const limiter = new WorkLimiter(limits({ concurrency: 1, queue: 0 }));
    const release = await limiter.acquire();
    expectRefusal(await limiter.acquire().catch((error: unknown) => error), /are waiting/);
    release();
    await expect(limiter.acquire()).resolves.toEqual(expect.any(Function));
  });

  it('refuses a wait longer than maxWaitMs, and the line moves on without it', async () => {
    const limiter = new WorkLimiter(limits({ concurrency: 1, maxWaitMs: 40 }));
    const release = await limiter.acquire();
    const t0 = Date.now();
    const error = await limiter.acquire().catch((e: unknown) => e);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(35);
    expectRefusal(error, /waited for its turn more than 1 s/);
    expect(limiter.queued).toBe(0);
    release();
    expect(limiter.running).toBe(0);
  });

  it('takes a waiter whose client went away (its signal aborted) out of the line: the slot goes to the next one', async () => {
    const limiter = new WorkLimiter(limits({ concurrency: 1 }));
    const release = await limiter.acquire();
    const controller = new AbortController();
    const gone = track(limiter.acquire(controller.signal));
    const next = track(limiter.acquire());
    controller.abort();
    await settle();
    expect(gone.done).toBe(true);
    expectRefusal(gone.error, /abandoned/);
    expect(limiter.queued).toBe(1);
    release();
    await settle();
    expect(next.done).toBe(true);
    expect(limiter.running).toBe(1);
  });

  it('refuses a request whose signal has already aborted, without taking a slot', async () => {
    const limiter = new WorkLimiter(limits());
    const controller = new AbortController();
    controller.abort();
    expectRefusal(await limiter.acquire(controller.signal).catch((e: unknown) => e), /abandoned/);
    expect(limiter.running).toBe(0);
  });

  it('frees a slot once however often its release is called', async () => {
    const limiter = new WorkLimiter(limits({ concurrency: 1 }));
    const release = await limiter.acquire();
    const a = track(limiter.acquire());
    const b = track(limiter.acquire());
    release();
    release();
    release();
    await settle();
    expect([a.done, b.done]).toEqual([true, false]);
    expect({ running: limiter.running, queued: limiter.queued }).toEqual({ running: 1, queued: 1 });
  });

  it('run() gives the slot back when the work fails, and passes the failure on', async () => {
    const limiter = new WorkLimiter(limits({ concurrency: 1 }));
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve(42))).resolves.toBe(42);
    expect(limiter.running).toBe(0);
  });

  it('refuses whoever waits, and any new request, when the server stops', async () => {
    const limiter = new WorkLimiter(limits({ concurrency: 1 }));
    await limiter.acquire();
    const waiting = track(limiter.acquire());
    limiter.onApplicationShutdown();
    await settle();
    expectRefusal(waiting.error, /stopping/);
    expectRefusal(await limiter.acquire().catch((e: unknown) => e), /stopping/);
  });

  it.each([
    [{ concurrency: 0 }, 'concurrency'],
    [{ concurrency: 1.5 }, 'concurrency'],
    [{ queue: -1 }, 'queue'],
    [{ maxWaitMs: 0 }, 'maxWaitMs'],
  ])('rejects the limits %p', (overrides, name) => {
    expect(() => new WorkLimiter(limits(overrides))).toThrow(name);
  });

  it('keeps its bounds and the order of arrival whatever the interleaving of arrivals and releases', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.oneof(fc.constant<'arrive'>('arrive'), fc.nat({ max: 8 })), { maxLength: 60 }),
        async (concurrency, queue, steps) => {
          const limiter = new WorkLimiter(limits({ concurrency, queue }));
          const held: Array<{ id: number; release: Release }> = [];
          const started: number[] = [];
          const accepted: number[] = [];
          const refused: number[] = [];
          const expectedRefused: number[] = [];
          let next = 0;
          const arrive = () => {
            const id = next++;
            if (limiter.running >= concurrency && limiter.queued >= queue) expectedRefused.push(id);
            else accepted.push(id);
            limiter.acquire().then(
              (release) => {
                started.push(id);
                held.push({ id, release });
              },
              () => refused.push(id),
            );
          };
          for (const step of steps) {
            if (step === 'arrive') arrive();
            else if (held.length > 0) held.splice(step % held.length, 1)[0]!.release();
            await settle();
            expect(limiter.running).toBeLessThanOrEqual(concurrency);
            expect(limiter.queued).toBeLessThanOrEqual(queue);
            expect(limiter.running).toBe(held.length);
            // Nobody waits while a slot is free.
            if (limiter.queued > 0) expect(limiter.running).toBe(concurrency);
          }
          while (held.length > 0) {
            held.shift()!.release();
            await settle();
          }
          expect(started).toEqual(accepted);
          expect(refused).toEqual(expectedRefused);
          expect({ running: limiter.running, queued: limiter.queued }).toEqual({ running: 0, queued: 0 });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('closedSignal', () => {
  it('aborts when the response closes, or at once when it has closed already', () => {
    const open = Object.assign(new EventEmitter(), { closed: false });
    const signal = closedSignal(open);
    expect(signal.aborted).toBe(false);
    open.emit('close');
    expect(signal.aborted).toBe(true);
    expect(closedSignal(Object.assign(new EventEmitter(), { closed: true })).aborted).toBe(true);
  });
});
