import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ReportModel } from '#reporting';
import type { RenderOutput, RenderTask } from './render-worker.js';

/**
 * The compiled worker file. Compiled, this file sits beside it in dist/; run from the sources
 * (tests through SWC), the worker is still the compiled one, at the same place under dist/.
 */
export function renderWorkerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'render-worker.js');
  if (existsSync(beside)) return beside;
  const compiled = resolve(here, '../../../../../dist/apps/api/src/modules/reports/render-worker.js');
  if (existsSync(compiled)) return compiled;
  throw new Error(`The report renderer is not compiled: ${compiled} is missing. Build the API first (npm run build:api).`);
}

/**
 * Worker threads that lay out PDFs, so that a render (seconds of CPU) never blocks the API's
 * event loop. Started on the first render; a thread that stays idle a minute stops.
 */
export class RenderPool {
  private pool: Piscina<RenderTask, RenderOutput> | null = null;
  private closed = false;

  constructor(private readonly threads: number) {}

  get size(): number {
    return this.threads;
  }

  /** Renders a model in a worker; `onProgress` gets fractions from 0 to 1 as the worker reports them. */
  async render(model: ReportModel, onProgress: (fraction: number) => void): Promise<{ pdf: Buffer; pages: number }> {
    if (this.closed) throw new Error('The render pool is closed: the server is stopping.');
    this.pool ??= new Piscina<RenderTask, RenderOutput>({
      filename: renderWorkerFile(),
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      name: 'default',
    });
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (fraction: unknown) => {
      if (typeof fraction === 'number' && Number.isFinite(fraction)) onProgress(Math.min(1, Math.max(0, fraction)));
    });
    try {
      const output = await this.pool.run({ model, progress: port2 }, { transferList: [port2] });
      // Structured cloning hands back a Uint8Array: view it as a Buffer without copying.
      return { pdf: Buffer.from(output.pdf.buffer, output.pdf.byteOffset, output.pdf.byteLength), pages: output.pages };
    } finally {
      port1.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.destroy();
  }
}
