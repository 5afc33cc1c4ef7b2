import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalysisPayload } from '#domain';
import { DemoSeedService } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

/** The demo evaluation `npm start` creates: its dashboard has figures, and the partners' group (under k) has none. */
describe('analysis of the demo evaluation', () => {
  let t: TestApp;
  let samia: ApiClient;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_SEED: 'true' });
    expect(await t.app.get(DemoSeedService).seed()).toBe(true);
    samia = t.client();
    await samia.login('samia@regards.local', 'regards-demo-2026');
    const [workspace] = (await samia.get('/workspaces')).body as Array<{ id: string }>;
    const organizations = (await samia.get(`/workspaces/${workspace!.id}/organizations`)).body as Array<{ id: string; name: string }>;
    const ressourcerie = organizations.find((o) => o.name === 'La Ressourcerie du Vallon')!;
    const evaluations = (await samia.get(`/workspaces/${workspace!.id}/organizations/${ressourcerie.id}/evaluations`)).body as Array<{ id: string; status: string }>;
    base = `/workspaces/${workspace!.id}/organizations/${ressourcerie.id}/evaluations/${evaluations.find((e) => e.status === 'collecting')!.id}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the groups of k or more and withholds the partners entirely', async () => {
    const res = await samia.get(`${base}/analysis`);
    expect(res.status).toBe(200);
    const analysis = res.body as AnalysisPayload;
    expect(analysis.k).toBe(5);
    expect(analysis.participation.map((p) => [p.groupKey, p.submitted, p.suppressed])).toEqual([
      ['self_assessment', 6, false],
      ['staff', 12, false],
      ['volunteers', 17, false],
      ['beneficiaries', 22, false],
      ['partners', 3, true],
    ]);
    const cells = [...analysis.indicators.flatMap((i) => [i.cells, ...i.questions.map((q) => q.cells)]), ...analysis.dimensions.map((d) => d.cells)];
    const partners = cells.filter((c) => 'partners' in c).map((c) => c.partners);
    expect(partners.length).toBeGreaterThan(3);
    for (const cell of partners) expect(cell).toEqual({ suppressed: true, reason: 'under-k' });
    expect(analysis.crossed.gaps.some((gap) => gap.groupKey === 'partners')).toBe(false);

    // The others are there: a radar has something to draw, and self-assessment is crossed with the groups.
    const radar = analysis.dimensions.map((d) => d.cells.beneficiaries);
    expect(radar.filter((cell) => cell && !cell.suppressed && cell.score !== null).length).toBeGreaterThan(2);
    expect(analysis.crossed.available).toBe(true);
    expect(analysis.crossed.gaps.length).toBeGreaterThan(0);

    // Compared with last year's evaluation: deltas where both sides show figures, and what cannot be compared said.
    expect(analysis.comparison?.previous.title).toBe('Utilité sociale 2025 — premier regard');
    expect(analysis.comparison!.dimensions.some((delta) => delta.column === 'volunteers')).toBe(true);
    expect(analysis.comparison!.dimensions.map((delta) => delta.key)).not.toContain('utilite_interne');
    expect(analysis.comparison!.unmatched.onlyAfter).toContain('reparer_plutot_que_jeter');
    expect(analysis.comparison!.indicators.some((delta) => delta.column === 'partners')).toBe(false);
  });

  it('answers with the partners’ column alone, withheld, when filtered on them', async () => {
    const res = await samia.get(`${base}/analysis?groupKey=partners`);
    expect(res.status).toBe(200);
    const analysis = res.body as AnalysisPayload & { groupFilter: string };
    expect(analysis.groupFilter).toBe('partners');
    expect(analysis.participation).toEqual([expect.objectContaining({ groupKey: 'partners', suppressed: true })]);
    for (const indicator of analysis.indicators) {
      expect(Object.keys(indicator.cells).every((column) => column === 'partners' || column === 'all')).toBe(true);
      if (indicator.cells.partners) expect(indicator.cells.partners).toEqual({ suppressed: true, reason: 'under-k' });
    }
  });
});
