import { AppException } from './app.exception.js';

/** The bounds of a WorkLimiter. */
export interface WorkLimits {
  /** how many run at once (≥ 1) */
  concurrency: number;
  /** how many may wait for a slot (≥ 0); beyond, refused at once */
  queue: number;
  /** the longest wait for a slot, in milliseconds; then refused */
  maxWaitMs: number;
  /** what the Retry-After header of a refusal says, in seconds */
  retryAfterSeconds: number;
}

/** Gives the slot back; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  grant(release: Release): void;
  refuse(error: AppException): void;
}

/** What Retry-After says unless the limiter is told otherwise. */
export const WORK_RETRY_AFTER_SECONDS = 5;

/**
 * Bounds expensive work (exports, analyses) so that it cannot take the database pool and the CPU
 * away from cheap, urgent requests such as a respondent's submission: at most `concurrency` run
 * at once, at most `queue` wait for a slot, first come first served, and none waits longer than
 * `maxWaitMs`. A request refused or waiting too long gets 503 work-queue-full with Retry-After,
 * the same shape as the report renderer's 503 render-queue-full. One process, one limiter: with
 * several API processes, each has its own.
 */
export class WorkLimiter {
  private active = 0;
  /** waiting requests in arrival order (a Set iterates in insertion order and deletes in O(1)) */
  private readonly waiting = new Set<Waiter>();
  private closed = false;

  constructor(readonly limits: WorkLimits) {
    if (!Number.isInteger(limits.concurrency) || limits.concurrency < 1) throw new Error(`concurrency must be an integer ≥ 1, not ${limits.concurrency}`);
    if (!Number.isInteger(limits.queue) || limits.queue < 0) throw new Error(`queue must be an integer ≥ 0, not ${limits.queue}`);
    if (!(limits.maxWaitMs > 0)) throw new Error(`maxWaitMs must be positive, not ${limits.maxWaitMs}`);
  }

  /** how many hold a slot now */
  get running(): number {
    return this.active;
  }

  /** how many wait for a slot now */
  get queued(): number {
    return this.waiting.size;
  }

  /**
   * Takes a slot, waiting in line when all are taken. Rejects with 503 work-queue-full when the
   * line is full, when the wait passes `maxWaitMs`, when `signal` aborts while waiting (the
   * client went away: nobody is left to serve) and when the server is stopping.
   */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (this.closed) return Promise.reject(this.refusal('stopping'));
    if (signal?.aborted) return Promise.reject(this.refusal('abandoned'));
    if (this.active < this.limits.concurrency && this.waiting.size === 0) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.size >= this.limits.queue) return Promise.reject(this.refusal('full'));
    return new Promise<Release>((resolve, reject) => {
      const leave = (error: AppException) => {
        this.waiting.delete(waiter);
        waiter.refuse(error);
      };
      const timer = setTimeout(() => leave(this.refusal('too-long')), this.limits.maxWaitMs);
      // A pending wait must not keep a stopping process alive.
      timer.unref();
      const onAbort = () => leave(this.refusal('abandoned'));
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        grant: (release) => {
          settle();
          resolve(release);
        },
        refuse: (error) => {
          settle();
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(waiter);
    });
  }

  /** Runs `work` in a slot and gives the slot back when it settles. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** The server is stopping: whoever waits is refused now rather than kept until the timeout. */
  onApplicationShutdown(): void {
    this.closed = true;
    for (const waiter of [...this.waiting]) {
      this.waiting.delete(waiter);
      waiter.refuse(this.refusal('stopping'));
    }
  }

  /** A slot's release: hands the slot straight to the first in line (nobody overtakes), or frees it. */
  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const [next] = this.waiting;
      if (next) {
        this.waiting.delete(next);
        next.grant(this.releaser());
      } else {
        this.active -= 1;
      }
    };
  }

  private refusal(reason: 'full' | 'too-long' | 'abandoned' | 'stopping'): AppException {
    const after = this.limits.retryAfterSeconds;
    const waited = Math.ceil(this.limits.maxWaitMs / 1000);
    const detail = {
      full: `Le serveur traite déjà ${this.active} demandes lourdes (exports, analyses) et ${this.waiting.size} attendent leur tour : réessayez dans ${after} s / The server is already working on ${this.active} heavy requests (exports, analyses) and ${this.waiting.size} are waiting: try again in ${after} s.`,
      'too-long': `Cette demande a attendu son tour plus de ${waited} s : réessayez dans ${after} s / This request waited for its turn more than ${waited} s: try again in ${after} s.`,
      abandoned: 'La demande a été abandonnée avant son tour / The request was abandoned before its turn.',
      stopping: `Le serveur s’arrête : réessayez dans ${after} s / The server is stopping: try again in ${after} s.`,
    }[reason];
    return new AppException('work-queue-full', detail, undefined, { retryAfterSeconds: after });
  }
}

/** An HTTP response as far as `closedSignal` needs it (Express's Response, Node's ServerResponse). */
interface Closable {
  readonly closed: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/** Aborts when this response closes: sent in full, or its client gone. */
export function closedSignal(res: Closable): AbortSignal {
  const controller = new AbortController();
  if (res.closed) controller.abort();
  else res.once('close', () => controller.abort());
  return controller.signal;
}
