import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { expect } from '@jest/globals';
import type { ApiClient, TestApp } from './test-app.js';

const run = promisify(execFile);

export interface RenderBody {
  id: string;
  kind: 'draft' | 'final';
  revision: number;
  locale: 'fr' | 'en';
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  error: string | null;
  pages: number | null;
  sizeBytes: number | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Polls a render until it is done or failed; returns what it ended as and the statuses seen on the way. */
export async function waitForRender(client: ApiClient, reportPath: string, renderId: string, timeoutMs = 90_000): Promise<{ render: RenderBody; seen: RenderBody[] }> {
  const seen: RenderBody[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`${reportPath}/renders/${renderId}`);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : (res.body as unknown) }).toEqual({ status: 200, body: 'ok' });
    const render = res.body as RenderBody;
    seen.push(render);
    if (render.status === 'done' || render.status === 'failed') return { render, seen };
    if (Date.now() > until) throw new Error(`render ${renderId} still ${render.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A response body as bytes (supertest buffers unknown types only when asked). */
export async function download(client: ApiClient, path: string): Promise<{ status: number; headers: Record<string, string>; bytes: Buffer }> {
  const res = await client.agent
    .get(`/api/v1${path}`)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  return { status: res.status, headers: res.headers as Record<string, string>, bytes: res.body as Buffer };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The text of a PDF as `pdftotext` reads it (poppler), spaces of every width made plain. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'regards-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout.replace(/[\u00a0\u202f\u2009]/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Words compared whatever the line breaks, hyphenation and spaces of the layout. */
export function flat(text: string): string {
  return text
    .replace(/-\n/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (8-bit RGB, a gradient), `width` × `height` pixels. */
export function pngImage(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.alloc(1 + width * 3);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = (x * 7) & 0xff;
      row[2 + x * 3] = (y * 5) & 0xff;
      row[3 + x * 3] = 0x80;
    }
    rows.push(Buffer.from(row));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Sends raw bytes as the body of a PUT, with this content type. */
export async function putRaw(client: ApiClient, path: string, bytes: Buffer, contentType: string) {
  if (client.csrfToken === undefined) await client.fetchCsrf();
  return client.agent
    .put(`/api/v1${path}`)
    .set('X-CSRF-Token', client.csrfToken ?? '')
    .set('Content-Type', contentType)
    .send(bytes)
    .then((r) => r);
}

/** A minimal PDF, for records that only need to exist. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/**
 * Real records behind every report route of an evaluation, for tests that call all routes: a
 * logo, the report (made by reading it), a done draft render and a version (written as the job
 * that ends a render writes them).
 */
export async function reportRouteFixtures(t: TestApp, client: ApiClient, organizationPath: string, evaluationId: string): Promise<{ renderId: string; reportVersionId: string; key: string }> {
  expect((await putRaw(client, `${organizationPath}/logo`, pngImage(40, 20), 'image/png')).status).toBe(204);
  const report = await client.get(`${organizationPath}/evaluations/${evaluationId}/report`);
  expect(report.status).toBe(200);
  const { id: reportId } = report.body as { id: string };
  const [{ workspace_id: workspaceId }] = await t.dataSource.query<[{ workspace_id: string }]>(`SELECT workspace_id FROM report WHERE id = $1`, [reportId]);
  const [render] = await t.dataSource.query<Array<{ id: string }>>(
    `INSERT INTO report_render (workspace_id, report_id, kind, revision, locale, status, progress, pdf, pages, size_bytes, started_at, finished_at)
     VALUES ($1, $2, 'draft', 1, 'fr', 'done', 100, $3, 1, $4, now(), now()) RETURNING id`,
    [workspaceId, reportId, TINY_PDF, TINY_PDF.length],
  );
  const [version] = await t.dataSource.query<Array<{ id: string }>>(
    `INSERT INTO report_version (workspace_id, report_id, number, revision, locale, pdf, sha256, pages, size_bytes, validated_by, validated_at)
     VALUES ($1, $2, 1, 1, 'fr', $3, $4, 1, $5, '[]', now()) RETURNING id`,
    [workspaceId, reportId, TINY_PDF, sha256(TINY_PDF), TINY_PDF.length],
  );
  return { renderId: render!.id, reportVersionId: version!.id, key: 'summary' };
}
