/**
 * An organization's logo, printed on the cover of its reports: uploaded as the raw bytes of a
 * PNG or JPEG, checked by its bytes, size, pixels and decoding; anything else refused with a
 * clear problem and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/collection.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { download, pngImage, putRaw } from '../support/reports.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A baseline JPEG's first segments: SOI, APP0 (JFIF), then a start of frame of the given size, and no image data. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('organization logo', () => {
  let t: TestApp;
  let admin: TestUser;
  let contact: TestUser;
  let board: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let path: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    admin = await createUser(t);
    const workspaceId = await createWorkspace(t, admin, 'Réseau logos');
    const organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie');
    path = `/workspaces/${workspaceId}/organizations/${organizationId}`;
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    board = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, board, 'board');
    viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    outsider = await createUser(t);
    await createWorkspace(t, outsider, 'Autre réseau');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores a PNG sent by the organization’s contact, serves it back as sent, and says hasLogo', async () => {
    expect(((await admin.client.get(path)).body as { hasLogo: boolean }).hasLogo).toBe(false);
    const png = pngImage(300, 120);
    const put = await putRaw(contact.client, `${path}/logo`, png, 'image/png');
    expect(put.status).toBe(204);
    const got = await download(board.client, `${path}/logo`);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.bytes.equals(png)).toBe(true);
    expect(((await admin.client.get(path)).body as { hasLogo: boolean }).hasLogo).toBe(true);
    const listed = (await admin.client.get(path.replace(/\/organizations\/.*/, '/organizations'))).body as Array<{ hasLogo: boolean }>;
    expect(listed.map((o) => o.hasLogo)).toEqual([true]);
    const [event] = await t.dataSource.query<Array<{ data: Record<string, unknown> }>>(`SELECT data FROM audit_event WHERE action = 'organization.logo-updated'`);
    expect(event!.data).toEqual({ type: 'image/png', width: 300, height: 120, bytes: png.length });
  });

  it.each([
    ['a body larger than 1 MiB', () => Buffer.concat([pngImage(10, 10), Buffer.alloc(1024 * 1024)]), 'image/png', 413, 'payload-too-large', /1 Mo au plus/],
    ['a GIF', () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'image/gif', 415, 'unsupported-media-type', /PNG ou JPEG/],
    ['text said to be a PNG', () => Buffer.from('pas une image du tout'), 'image/png', 415, 'unsupported-media-type', /ni un PNG ni un JPEG/],
    ['a PNG said to be a JPEG', () => pngImage(10, 10), 'image/jpeg', 415, 'unsupported-media-type', /Content-Type image\/png/],
    ['a PNG signature followed by garbage', () => Buffer.concat([pngImage(4, 4).subarray(0, 8), Buffer.from('garbage garbage garbage garbage garbage')]), 'image/png', 422, 'invalid-image', /illisible/],
    ['a PNG cut in the middle of its pixels', () => pngImage(200, 200).subarray(0, 200), 'image/png', 422, 'invalid-image', /illisible/],
    ['a PNG of 3001 × 20 pixels', () => pngImage(3001, 20), 'image/png', 422, 'invalid-image', /3001 × 20 pixels/],
    ['a JPEG header announcing 4000 × 4000 pixels', () => jpegHeader(4000, 4000), 'image/jpeg', 422, 'invalid-image', /4000 × 4000/],
    ['a JPEG with no frame', () => Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg', 422, 'invalid-image', /illisible/],
  ])('refuses %s with a clear problem and stores nothing', async (_name, bytes, type, status, code, detail) => {
    const before = await databaseFingerprint(t);
    const res = await putRaw(admin.client, `${path}/logo`, bytes(), type);
    expectProblem(res, status, code);
    expect((res.body as { detail: string }).detail).toMatch(detail);
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('refuses a JSON body (415) and a logo from a board member, a viewer or another network (404/403), storing nothing', async () => {
    const before = await databaseFingerprint(t);
    expectProblem(await admin.client.send('put', `${path}/logo`, { url: 'https://example.org/logo.png' }), 415, 'unsupported-media-type');
    expectProblem(await putRaw(board.client, `${path}/logo`, pngImage(10, 10), 'image/png'), 404, 'not-found');
    expectProblem(await putRaw(outsider.client, `${path}/logo`, pngImage(10, 10), 'image/png'), 404, 'not-found');
    expectProblem(await putRaw(viewer.client, `${path}/logo`, pngImage(10, 10), 'image/png'), 403, 'forbidden');
    expectProblem(await outsider.client.get(`${path}/logo`), 404, 'not-found');
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('replaces the logo, then removes it: GET answers 404 and hasLogo is false again', async () => {
    const second = pngImage(16, 16);
    expect((await putRaw(admin.client, `${path}/logo`, second, 'image/png')).status).toBe(204);
    expect((await download(viewer.client, `${path}/logo`)).bytes.equals(second)).toBe(true);
    expect((await contact.client.delete(`${path}/logo`)).status).toBe(204);
    expectProblem(await admin.client.get(`${path}/logo`), 404, 'not-found');
    expect(((await admin.client.get(path)).body as { hasLogo: boolean }).hasLogo).toBe(false);
    const [row] = await t.dataSource.query<Array<{ logo: Buffer | null; logo_type: string | null }>>(`SELECT logo, logo_type FROM organization`);
    expect(row).toEqual({ logo: null, logo_type: null });
  });
});
