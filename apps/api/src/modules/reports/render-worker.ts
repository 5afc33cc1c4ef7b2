/**
 * Runs in a worker thread of the render pool (never on the API's event loop): lays out one
 * report model as a PDF and reports its progress on the task's port. Loaded by piscina from
 * the compiled file (dist/…/render-worker.js).
 */
import type { MessagePort } from 'node:worker_threads';
import { renderReport, type ReportModel } from '#reporting';

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
