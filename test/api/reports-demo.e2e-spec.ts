/**
 * The demo's reports: this year's being written (a narrative in every section, the chosen
 * stories, a testimony given with consent, the action plan), last year's validated, its version
 * laid out in the background shortly after the seed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoSeedService } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { download, flat, pdfText, sha256 } from '../support/reports.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

interface Section {
  key: string;
  title: string;
  narrative: string;
  stories: string[];
  testimonies: Array<{ name: string | null; consent: boolean }>;
  actions: unknown[];
  updatedBy: { name: string } | null;
}

describe('demo reports', () => {
  let t: TestApp;
  let samia: ApiClient;
  let evaluations: string;
  let current: string;
  let previous: string;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_SEED: 'true' });
    expect(await t.app.get(DemoSeedService).seed()).toBe(true);
    samia = t.client();
    await samia.login('samia@regards.local', 'regards-demo-2026');
    const [workspace] = (await samia.get('/workspaces')).body as Array<{ id: string }>;
    const organizations = (await samia.get(`/workspaces/${workspace!.id}/organizations`)).body as Array<{ id: string; name: string }>;
    const ressourcerie = organizations.find((o) => o.name === 'La Ressourcerie du Vallon')!;
    evaluations = `/workspaces/${workspace!.id}/organizations/${ressourcerie.id}/evaluations`;
    const list = (await samia.get(evaluations)).body as Array<{ id: string; status: string }>;
    current = list.find((e) => e.status === 'collecting')!.id;
    previous = list.find((e) => e.status === 'closed')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has this year’s report written in French in every section, with the chosen stories, a testimony and an action plan', async () => {
    const res = await samia.get(`${evaluations}/${current}/report`);
    expect(res.status).toBe(200);
    const sections = (res.body as { sections: Section[] }).sections;
    expect(sections).toHaveLength(11);
    for (const section of sections) {
      expect({ key: section.key, paragraphs: section.narrative.split('\n\n').length >= (section.key === 'action-plan' ? 1 : 2) }).toEqual({ key: section.key, paragraphs: true });
      expect(section.updatedBy).not.toBeNull();
    }
    expect(sections.flatMap((s) => s.stories)).toHaveLength(2);
    const testimonies = sections.flatMap((s) => s.testimonies);
    expect(testimonies).toEqual([expect.objectContaining({ name: 'Mamadou K.', consent: true })]);
    expect(sections.find((s) => s.key === 'action-plan')!.actions).toHaveLength(5);
    expect(sections.map((s) => s.narrative).join(' ')).toContain('salarié·es');
    const history = (await samia.get(`${evaluations}/${current}/report/sections/summary/history`)).body as Array<{ version: number }>;
    expect(history.map((h) => h.version)).toEqual([2]);
  });

  it('lays out last year’s validated report in the background: its version appears, signed by both', async () => {
    const until = Date.now() + 90_000;
    let versions: Array<{ id: string; number: number; sha256: string; validatedBy: string[] }> = [];
    while (versions.length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      versions = (await samia.get(`${evaluations}/${previous}/report/versions`)).body as typeof versions;
    }
    expect(versions).toHaveLength(1);
    expect(versions[0]!.validatedBy.sort()).toEqual(['Nadia Roux', 'Samia Benali']);
    const pdf = await download(samia, `${evaluations}/${previous}/report/versions/${versions[0]!.id}/pdf`);
    expect(sha256(pdf.bytes)).toBe(versions[0]!.sha256);
    const text = flat(await pdfText(pdf.bytes));
    expect(text).toContain('Version 1');
    expect(text).toContain('La Ressourcerie du Vallon');
    expect(text).toContain('Former les bénévoles à l’accueil');
  }, 120_000);
});
