/**
 * The demo's reports, as the facilitator (Samia) and the organization's contact (Nadia) wrote
 * them: this year's, being written while answers still come in — a narrative in every section,
 * the two stories the group chose, a testimony given with consent and the action plan — and last
 * year's, validated by both, whose final render is queued so that its version appears a few
 * seconds after the server starts (the renderer runs in a worker thread, not during the seed).
 */
import type { EntityManager } from 'typeorm';
import type { CustomQuestion, FrameworkContent, StakeholderGroupKey } from '#domain';
import { plannedSections, structuralDimensions, type SectionAction, type SectionTestimony } from '../reports/report-sections.js';
import { verbatimStructure } from '../verbatims/verbatim-rules.js';

interface DemoSection {
  narrative: string;
  testimonies?: SectionTestimony[];
  actions?: SectionAction[];
  /** who wrote it: the facilitator or the organization's contact */
  by: 'facilitator' | 'contact';
}

const CURRENT: Record<string, DemoSection> = {
  summary: {
    by: 'facilitator',
    narrative: [
      'La Ressourcerie du Vallon a choisi, pour la deuxième année, de regarder son utilité sociale avec celles et ceux qui la font vivre : ses salarié·es en insertion, ses bénévoles, les personnes qui viennent à la boutique et ses partenaires. Ce rapport rassemble ces regards croisés, tels qu’ils ressortent des réponses reçues à ce jour.',
      'Trois enseignements se dégagent déjà. La Ressourcerie est d’abord vécue comme **un lieu où l’on se croise** : les bénévoles comme les personnes accueillies disent y rencontrer des gens qu’elles ne côtoieraient pas ailleurs. Elle est ensuite reconnue pour ce qu’elle change dans les parcours : reprendre un rythme, apprendre un métier, retrouver confiance. Enfin, son rôle dans la réduction des déchets du territoire est bien perçu, mais moins que l’équipe ne le pensait.',
      'Les écarts entre l’auto-évaluation de la structure et les autres regards sont le cœur de la discussion : ils ne disent pas qui a raison, ils montrent ce qui mérite d’être mieux partagé.',
    ].join('\n\n'),
  },
  context: {
    by: 'contact',
    narrative: [
      'Créée en 2014 à Crest, la Ressourcerie du Vallon collecte, trie, répare et revend des objets de seconde main. Elle porte un chantier d’insertion de 14 salarié·es et s’appuie sur une vingtaine de bénévoles réguliers.',
      'La démarche a été co-construite avec le Pôle ESS du Val de Drôme. En conseil d’administration, nous avons retenu six dimensions du socle commun et ajouté une question qui nous tient à cœur : *réparer plutôt que jeter*. Les questionnaires ont circulé par des liens personnels pour l’équipe et les partenaires, par un lien de groupe pour les salarié·es et les bénévoles, et sur papier au comptoir de la boutique pour les personnes qui préfèrent.',
      'Les partenaires ont été peu nombreux à répondre : leurs résultats ne sont pas montrés à part, pour préserver l’anonymat. Nous les rencontrerons plutôt lors d’un temps d’échange dédié.',
    ].join('\n\n'),
  },
  'dimension:utilite_economique': {
    by: 'facilitator',
    narrative: [
      'La Ressourcerie est un petit acteur économique du Crestois : des emplois, des achats faits autant que possible sur le territoire, et une offre d’objets à petits prix qui compte pour les budgets serrés.',
      'Les personnes accueillies insistent sur ce qui manquerait sans elle : pour beaucoup, il n’y a pas d’autre endroit à proximité pour s’équiper à ce prix. Les salarié·es, eux, soulignent la réponse à des besoins mal couverts, en particulier l’accompagnement vers l’emploi.',
    ].join('\n\n'),
  },
  'dimension:egalite_developpement_humain': {
    by: 'contact',
    narrative: [
      'C’est la dimension où les regards sont les plus convergents. Salarié·es et bénévoles disent avoir appris, et plusieurs récits parlent de confiance retrouvée. Le récit choisi par le groupe raconte un accompagnement vers l’emploi qui a abouti à un contrat : il dit ce que les chiffres seuls ne disent pas.',
      'Les personnes accueillies se sentent respectées. L’accessibilité est jugée bonne, avec une réserve sur les horaires d’ouverture, trop courts pour celles et ceux qui travaillent.',
      'L’action pour la diversité des équipes et des instances reste, de l’aveu même de la structure, un chantier à ouvrir.',
    ].join('\n\n'),
    testimonies: [
      {
        text: 'Quand je suis arrivé, je ne parlais à personne. Aujourd’hui c’est moi qui accueille les nouveaux au tri et qui leur montre comment on fait.',
        name: 'Mamadou K.',
        groupKey: 'staff',
        consent: true,
      },
    ],
  },
  'dimension:lien_social_democratie': {
    by: 'facilitator',
    narrative: [
      'La boutique et les ateliers sont des lieux de rencontre : jeunes et retraité·es, habitant·es de longue date et nouveaux arrivants s’y croisent. La rupture de l’isolement revient souvent dans les réponses des bénévoles.',
      'La place des personnes accueillies dans les décisions est plus discutée : elles sont consultées, rarement associées. Plusieurs bénévoles proposent d’ouvrir le comité d’animation aux personnes qui fréquentent la boutique.',
    ].join('\n\n'),
  },
  'dimension:cooperation_territoriale': {
    by: 'contact',
    narrative: [
      'La Ressourcerie travaille avec la mairie, la communauté de communes, France Travail, le lycée agricole et d’autres structures du réemploi. La structure estime ces coopérations solides.',
      'Les partenaires ont trop peu répondu pour que leurs résultats soient montrés. Nous l’avons noté comme une limite de cette évaluation, et comme un signal : le lien avec eux passe par quelques personnes, et se fragilise quand elles changent de poste.',
    ].join('\n\n'),
  },
  'dimension:transition_ecologique': {
    by: 'facilitator',
    narrative: [
      'Chaque année, des dizaines de tonnes d’objets échappent à la déchetterie. Les personnes accueillies et les bénévoles disent réparer ou donner plus souvent au lieu de jeter depuis qu’ils fréquentent la Ressourcerie.',
      'Mais la contribution à la transition écologique du territoire est jugée plus modestement par les autres groupes que par la structure elle-même. L’équipe y voit une invitation à mieux raconter ce qu’elle fait, chiffres de tonnage à l’appui, et à s’associer aux démarches de la communauté de communes.',
    ].join('\n\n'),
  },
  'dimension:utilite_interne': {
    by: 'contact',
    narrative: [
      'Les salarié·es donnent du sens à leur travail et apprécient l’ambiance d’équipe ; les conditions de travail au tri, physiques et en hiver peu chauffées, restent le point noir.',
      'Les bénévoles se sentent bien accueillis. Le récit retenu par le groupe dit la transmission entre générations qui se joue à l’atelier couture. La formation des bénévoles, promise l’an dernier, n’a pas encore vu le jour.',
    ].join('\n\n'),
  },
  crossed: {
    by: 'facilitator',
    narrative: [
      'L’auto-évaluation de la structure est plutôt plus sévère que les autres regards sur l’apprentissage et l’accompagnement : l’équipe sous-estime ce qu’elle apporte. À l’inverse, elle se juge plus favorablement que les autres groupes sur sa contribution écologique et sur la place laissée aux personnes dans les décisions.',
      'Ces écarts ont été discutés en atelier le 12 mars avec l’équipe et des bénévoles. Ils ont directement nourri le plan d’action.',
    ].join('\n\n'),
  },
  'action-plan': {
    by: 'contact',
    narrative: 'Le plan d’action a été décidé en conseil d’administration, à partir des écarts discutés en atelier. Il sera revu lors de la prochaine évaluation.',
    actions: [
      { recommendation: 'Ouvrir le comité d’animation à deux personnes qui fréquentent la boutique', who: 'Bureau et coordinatrice', when: 'd’ici juin 2027' },
      { recommendation: 'Élargir les horaires de la boutique le samedi après-midi', who: 'Équipe salariée', when: 'dès septembre 2026' },
      { recommendation: 'Publier chaque trimestre les tonnages détournés de la déchetterie', who: 'Encadrant technique', when: 'à partir du 1er trimestre 2027' },
      { recommendation: 'Organiser une rencontre annuelle avec les partenaires', who: 'Direction, avec le Pôle ESS', when: 'novembre 2026' },
      { recommendation: 'Mettre en place la formation des bénévoles à l’accueil', who: 'Bénévole référente', when: 'premier semestre 2027' },
    ],
  },
  conclusion: {
    by: 'facilitator',
    narrative: [
      'Cette deuxième évaluation confirme l’ancrage de la Ressourcerie dans la vie du Crestois et la force de ce qu’elle change dans les parcours des personnes. Elle montre aussi ce qui reste à construire : une parole partagée avec les personnes accueillies et un lien plus régulier avec les partenaires.',
      'Merci à toutes celles et tous ceux qui ont pris le temps de répondre.',
    ].join('\n\n'),
  },
};

const PREVIOUS: Record<string, DemoSection> = {
  summary: {
    by: 'facilitator',
    narrative:
      'Pour sa première évaluation de l’utilité sociale, la Ressourcerie du Vallon a interrogé son équipe, ses salarié·es, ses bénévoles et les personnes accueillies. Les regards se rejoignent sur l’essentiel : un lieu de rencontre et de remobilisation, utile au territoire.\n\nLes partenaires n’ont pas été sollicités cette année ; ils le seront la prochaine fois.',
  },
  context: {
    by: 'contact',
    narrative: 'La démarche a été menée avec le Pôle ESS du Val de Drôme sur cinq dimensions du socle commun. Les questionnaires ont circulé par lien et sur papier.',
  },
  'dimension:utilite_economique': { by: 'facilitator', narrative: 'La Ressourcerie est reconnue pour ses prix accessibles et pour les emplois de son chantier d’insertion.' },
  'dimension:egalite_developpement_humain': { by: 'contact', narrative: 'Les salarié·es disent avoir appris un métier et retrouvé un rythme ; l’accueil est jugé respectueux par les personnes qui viennent à la boutique.' },
  'dimension:lien_social_democratie': { by: 'facilitator', narrative: 'La boutique est un lieu où l’on se croise. La place des personnes accueillies dans les décisions reste à construire.' },
  'dimension:cooperation_territoriale': { by: 'contact', narrative: 'Les coopérations avec la mairie et France Travail sont anciennes et solides ; celles avec les autres acteurs du réemploi sont à développer.' },
  'dimension:transition_ecologique': { by: 'facilitator', narrative: 'Le réemploi est au cœur de l’activité ; les personnes accueillies disent réparer davantage.' },
  crossed: { by: 'facilitator', narrative: 'La structure se juge plus sévèrement que les autres groupes sur l’accompagnement, et plus favorablement sur la participation aux décisions.' },
  'action-plan': {
    by: 'contact',
    narrative: 'Trois engagements pris en conseil d’administration.',
    actions: [
      { recommendation: 'Former les bénévoles à l’accueil', who: 'Bénévole référente', when: 'courant 2026' },
      { recommendation: 'Associer les partenaires à la prochaine évaluation', who: 'Direction', when: 'évaluation 2026' },
      { recommendation: 'Ajouter une question sur la réparation', who: 'Accompagnatrice et direction', when: 'évaluation 2026' },
    ],
  },
  conclusion: { by: 'facilitator', narrative: 'Une première évaluation encourageante, qui pose les bases de la suivante.' },
};

/** The two stories chosen for this year's report go to the sections of their questions' dimensions. */
interface EvaluationRow {
  id: string;
  status: string;
  dimension_keys: string[];
  custom_questions: CustomQuestion[];
  content: FrameworkContent;
  group_keys: StakeholderGroupKey[];
}

/** Writes the demo organization's two reports in the seed's transaction. */
export async function seedDemoReports(m: EntityManager, workspaceId: string, facilitatorId: string): Promise<void> {
  const [contact] = await m.query<Array<{ id: string }>>(`SELECT id FROM user_account WHERE email = 'ressourcerie@regards.local'`);
  const evaluations = await m.query<EvaluationRow[]>(
    `SELECT e.id, e.status, e.dimension_keys, e.custom_questions, v.content,
            ARRAY(SELECT g.group_key FROM evaluation_group g WHERE g.evaluation_id = e.id) AS group_keys
       FROM evaluation e JOIN framework_version v ON v.id = e.framework_version_id JOIN organization o ON o.id = e.organization_id
      WHERE e.workspace_id = $1 AND o.name = 'La Ressourcerie du Vallon'`,
    [workspaceId],
  );
  const authors = { facilitator: facilitatorId, contact: contact!.id };
  const current = evaluations.find((e) => e.status !== 'closed')!;
  const previous = evaluations.find((e) => e.status === 'closed')!;

  const stories = await m.query<Array<{ id: string; question_key: string }>>(
    `SELECT ss.answer_id::text AS id, a.question_key FROM story_selection ss JOIN answer a ON a.id = ss.answer_id WHERE ss.evaluation_id = $1 ORDER BY ss.answer_id`,
    [current.id],
  );
  const structure = verbatimStructure(current.content, current.dimension_keys, current.custom_questions);
  const storiesBySection = new Map<string, string[]>();
  for (const story of stories) {
    const key = `dimension:${structure.questions.get(story.question_key)?.dimensionKey ?? ''}`;
    storiesBySection.set(key, [...(storiesBySection.get(key) ?? []), story.id]);
  }
  await writeReport(m, workspaceId, current, CURRENT, authors, storiesBySection, 20);

  const reportId = await writeReport(m, workspaceId, previous, PREVIOUS, authors, new Map(), 345);
  // Validated by both a few days after the report was written; its final render makes version 1.
  const [{ revision }] = await m.query<[{ revision: number }]>(`SELECT revision FROM report WHERE id = $1`, [reportId]);
  await m.query(
    `INSERT INTO report_validation (workspace_id, report_id, capacity, user_id, revision, at)
     VALUES ($1, $2, 'facilitator', $3, $5, now() - interval '340 days'), ($1, $2, 'contact', $4, $5, now() - interval '339 days')`,
    [workspaceId, reportId, authors.facilitator, authors.contact, revision],
  );
  await m.query(`INSERT INTO report_render (workspace_id, report_id, kind, revision, locale) VALUES ($1, $2, 'final', $3, 'fr')`, [workspaceId, reportId, revision]);
}

/** One report: every planned section, those with a text saved once by their author (an edit each). */
async function writeReport(
  m: EntityManager,
  workspaceId: string,
  evaluation: EvaluationRow,
  texts: Record<string, DemoSection>,
  authors: Record<DemoSection['by'], string>,
  stories: ReadonlyMap<string, string[]>,
  daysAgo: number,
): Promise<string> {
  const planned = plannedSections(structuralDimensions(evaluation.content, evaluation.dimension_keys, evaluation.custom_questions, evaluation.group_keys));
  const written = planned.filter((s) => texts[s.key]);
  const [report] = await m.query<Array<{ id: string }>>(
    `INSERT INTO report (workspace_id, evaluation_id, locale, revision, created_by, created_at, updated_at)
     VALUES ($1, $2, 'fr', $3, $4, now() - make_interval(days => $5), now() - make_interval(days => $5)) RETURNING id`,
    [workspaceId, evaluation.id, 1 + written.length, authors.facilitator, daysAgo],
  );
  for (const section of planned) {
    const text = texts[section.key];
    const sectionStories = stories.get(section.key) ?? [];
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO report_section (workspace_id, report_id, key, kind, narrative, version, charts, stories, testimonies, actions, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $11::uuid IS NULL THEN NULL ELSE now() - make_interval(days => $12) END) RETURNING id`,
      [
        workspaceId,
        report!.id,
        section.key,
        section.kind,
        text?.narrative ?? '',
        text ? 2 : 1,
        JSON.stringify(section.charts),
        JSON.stringify(sectionStories),
        JSON.stringify(text?.testimonies ?? []),
        JSON.stringify(text?.actions ?? []),
        text ? authors[text.by] : null,
        daysAgo,
      ],
    );
    if (!text) continue;
    const fields = ['narrative', ...(sectionStories.length > 0 ? ['stories'] : []), ...(text.testimonies ? ['testimonies'] : []), ...(text.actions ? ['actions'] : [])];
    await m.query(
      `INSERT INTO report_section_edit (workspace_id, report_id, section_id, version, fields, narrative_before, narrative_after, user_id, at)
       VALUES ($1, $2, $3, 2, $4, '', $5, $6, now() - make_interval(days => $7))`,
      [workspaceId, report!.id, row!.id, JSON.stringify(fields), text.narrative, authors[text.by], daysAgo],
    );
  }
  return report!.id;
}
