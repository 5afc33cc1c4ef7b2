/**
 * Runs in a worker thread of the render pool (never on the API's event loop): lays out one
 * report model as a PDF and reports its progress on the task's port. Loaded by piscina from
 * the compiled file (dist/…/render-worker.js).
 */
import { setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { renderReport, type ReportModel } from '#reporting';

/**
 * Renders yield the processor to the requests: on Linux a thread has its own nice value, and
 * `setPriority(0, …)` called here lowers this render thread only, never the event loop that
 * answers respondents. Where it is not allowed, renders run at normal priority.
 */
const RENDER_NICENESS = 10;
try {
  setPriority(0, RENDER_NICENESS);
} catch {
  // not permitted on this system: the bounded pool still keeps renders off the event loop
}

export interface RenderTask {
  model: ReportModel;
  /** receives the progress, a fraction from 0 to 1 */
  progress: MessagePort;
}

export interface RenderOutput {
  pdf: Uint8Array;
  pages: number;
}

export default async function render(task: RenderTask): Promise<RenderOutput> {
  try {
    const { pdf, pages } = await renderReport(task.model, { onProgress: (fraction) => task.progress.postMessage(fraction) });
    return { pdf, pages };
  } finally {
    task.progress.close();
  }
}
