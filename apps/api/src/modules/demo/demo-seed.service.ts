import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  compileQuestionnaire,
  maskVerbatim,
  normaliseAnswers,
  prepareKnownNames,
  type AnonymityMode,
  type CustomQuestion,
  type EvaluationStatus,
  type StakeholderGroupKey,
  type SubmissionChannel,
} from '#domain';
import { randomToken, sha256Hex } from '../auth/tokens.js';
import { CollectionLinkEntity } from '../collection/collection-link.entity.js';
import { SUBMISSION_WRITE } from '../collection/submission-writes.js';
import { EvaluationGroupEntity } from '../evaluations/evaluation-group.entity.js';
import { checkEvaluationDesign } from '../evaluations/evaluation-design.js';
import { EvaluationEntity } from '../evaluations/evaluation.entity.js';
import { socleCommun, SOCLE_COMMUN_KEY } from '../frameworks/default-frameworks.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';
import { evaluationKnownNames } from '../verbatims/known-names.js';
import { verbatimGroups } from '../verbatims/verbatim-groups.js';
import { themeLabelKey, type ThemeColor } from '../verbatims/verbatim-rules.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';
import { demoSurveyData, seededRandom } from './demo-answers.js';
import { seedDemoReports } from './demo-report.js';

export const DEMO_ADMIN = { email: 'demo@regards.local', password: 'regards-demo-2026', displayName: 'Camille Demo' };
export const DEMO_PEOPLE = [
  { email: 'samia@regards.local', displayName: 'Samia Benali', role: 'facilitator' as const },
  { email: 'lecture@regards.local', displayName: 'Jules Martin', role: 'viewer' as const },
];
export const DEMO_WORKSPACE_NAME = 'Pôle ESS du Val de Drôme (démo)';
const DEMO_ORGANIZATIONS = [
  {
    name: 'La Ressourcerie du Vallon',
    legalForm: 'Association loi 1901',
    city: 'Crest',
    description: 'Collecte, valorisation et revente d’objets de seconde main ; chantier d’insertion de 14 salarié·es.',
    contact: { email: 'ressourcerie@regards.local', displayName: 'Nadia Roux' },
  },
  {
    name: 'Café associatif Le Lien',
    legalForm: 'Association loi 1901',
    city: 'Die',
    description: 'Tiers-lieu de village : café, ateliers, épicerie solidaire et permanences d’accès aux droits.',
    contact: { email: 'lelien@regards.local', displayName: 'Thomas Garnier' },
  },
  {
    name: 'SCIC Énergies Citoyennes Drôme',
    legalForm: 'SCIC SAS',
    city: 'Saillans',
    description: 'Production d’électricité renouvelable détenue par 380 habitant·es, collectivités et entreprises du territoire.',
    contact: null,
  },
];

const DAY = 86_400_000;

/**
 * The demo evaluation: La Ressourcerie du Vallon, on the socle commun, collecting, with about 60
 * answers across its groups — the partners' group under k on purpose, so that suppression shows.
 * Channels as a real evaluation mixes them: personal links for the organization's own team and
 * the partners, shared links for staff and volunteers, paper questionnaires typed in for half
 * of the beneficiaries (met at the shop counter).
 */
const DEMO_EVALUATION = {
  organization: 'La Ressourcerie du Vallon',
  title: 'Utilité sociale 2026 — regards croisés',
  // Chosen with the organization: everything but innovation, which it will look at next year.
  dimensionKeys: [
    'utilite_economique',
    'egalite_developpement_humain',
    'lien_social_democratie',
    'cooperation_territoriale',
    'transition_ecologique',
    'utilite_interne',
  ],
  groups: [
    { groupKey: 'self_assessment', anonymity: 'confidential', expectedCount: 6, submitted: 6, channel: 'personal' },
    { groupKey: 'staff', anonymity: 'anonymous', expectedCount: 14, submitted: 12, channel: 'shared' },
    { groupKey: 'volunteers', anonymity: 'anonymous', expectedCount: 25, submitted: 17, channel: 'shared' },
    { groupKey: 'beneficiaries', anonymity: 'anonymous', expectedCount: 40, submitted: 22, channel: 'shared' },
    { groupKey: 'partners', anonymity: 'confidential', expectedCount: 8, submitted: 3, channel: 'personal' },
  ] satisfies Array<{ groupKey: StakeholderGroupKey; anonymity: AnonymityMode; expectedCount: number; submitted: number; channel: SubmissionChannel }>,
  selfAssessmentPeople: ['Nadia Roux (direction)', 'Paul Ferrand (président)', 'Inès Morel (encadrante technique)', 'Lucie Brun (trésorière)', 'Karim Haddad (chargé d’insertion)', 'Anne Vidal (bénévole référente)'],
  partnerPeople: ['Mairie de Crest', 'Communauté de communes du Crestois', 'France Travail Crest', 'Emmaüs Valence', 'Lycée agricole du Valentin', 'Département de la Drôme', 'Régie de quartier', 'Épicerie solidaire'],
} as const;

/**
 * The organization's first evaluation, a year earlier and closed: fewer groups (no partners),
 * no dimension on internal life and no question of its own yet, answers a little less
 * favourable. The dashboard compares the current evaluation with it, and says what cannot be
 * compared.
 */
const DEMO_PREVIOUS_EVALUATION = {
  title: 'Utilité sociale 2025 — premier regard',
  dimensionKeys: DEMO_EVALUATION.dimensionKeys.filter((key) => key !== 'utilite_interne'),
  groups: [
    { groupKey: 'self_assessment', anonymity: 'confidential', expectedCount: 4, submitted: 4, channel: 'personal' },
    { groupKey: 'staff', anonymity: 'anonymous', expectedCount: 12, submitted: 9, channel: 'shared' },
    { groupKey: 'volunteers', anonymity: 'anonymous', expectedCount: 20, submitted: 13, channel: 'shared' },
    { groupKey: 'beneficiaries', anonymity: 'anonymous', expectedCount: 30, submitted: 16, channel: 'shared' },
  ] satisfies Array<{ groupKey: StakeholderGroupKey; anonymity: AnonymityMode; expectedCount: number; submitted: number; channel: SubmissionChannel }>,
  /** how much less favourable than this year's answers (on the 0–1 tone of each group) */
  toneShift: -0.12,
} as const;

/** The organization's own question, added with its facilitator: it goes through the same model and compilation as the framework's. */
const DEMO_CUSTOM_QUESTION: CustomQuestion = {
  dimensionKey: 'transition_ecologique',
  indicator: {
    key: 'reparer_plutot_que_jeter',
    title: { fr: 'Réparer plutôt que jeter', en: 'Repair rather than throw away' },
    level: 'resultat',
    kind: 'scale',
    scale: {
      min: 1,
      max: 5,
      labels: [
        { fr: 'Pas du tout d’accord', en: 'Strongly disagree' },
        { fr: 'Plutôt pas d’accord', en: 'Disagree' },
        { fr: 'Ni d’accord ni pas d’accord', en: 'Neither agree nor disagree' },
        { fr: 'Plutôt d’accord', en: 'Agree' },
        { fr: 'Tout à fait d’accord', en: 'Strongly agree' },
      ],
    },
    scoring: { rule: 'linear', reverse: false },
    dontKnow: 'excluded',
    questions: [
      {
        key: 'q_reparer_plutot_que_jeter',
        audiences: ['volunteers', 'beneficiaries'],
        wording: {
          volunteers: {
            fr: 'Depuis que je viens à la Ressourcerie, je répare ou je donne plus souvent au lieu de jeter.',
            en: 'Since I started coming to the Ressourcerie, I repair or give away more often instead of throwing away.',
          },
          beneficiaries: {
            fr: 'Depuis que je viens à la Ressourcerie, je répare ou je donne plus souvent au lieu de jeter.',
            en: 'Since I started coming to the Ressourcerie, I repair or give away more often instead of throwing away.',
          },
        },
        required: false,
      },
    ],
  },
} as unknown as CustomQuestion;

/**
 * The evaluation's code book as the facilitator and the organization drew it up after reading the
 * first answers, with what each theme is about (the keywords code the demo's verbatims).
 */
const DEMO_THEMES: ReadonlyArray<{ label: string; description: string; color: ThemeColor; keywords: RegExp }> = [
  { label: 'Lien social', description: 'Rencontres, entraide, sortir de l’isolement.', color: 'teal', keywords: /personne|tout le monde|voisin|mamans|se croise|écouter/i },
  { label: 'Réemploi', description: 'Donner une deuxième vie aux objets : réparer, trier, revendre plutôt que jeter.', color: 'orange', keywords: /répar|deuxième vie|tonnes|trie|gratiferia|jettent/i },
  { label: 'Apprentissages', description: 'Ce que les personnes ont appris ou transmis, la confiance retrouvée.', color: 'grape', keywords: /appris|apprend|confiance|forme |transmets/i },
  { label: 'Accès aux droits', description: 'Papiers, logement, emploi : des droits rendus accessibles.', color: 'blue', keywords: /papiers|logement|contrat|CV/i },
];
/** Verbatims coded per theme in the demo: a few, as after a first reading session. */
const DEMO_CODED_PER_THEME = 4;
/** The two stories the group chose for the report, found by a fragment of their text, with why. */
const DEMO_STORIES: ReadonlyArray<{ fragment: string; reason: string }> = [
  {
    fragment: 'Karim m’a accompagné',
    reason: 'Il montre ce que l’accompagnement vers l’emploi change concrètement, ce que les chiffres seuls ne disent pas.',
  },
  {
    fragment: 'j’avais peur de m’ennuyer',
    reason: 'Le bénévolat comme lieu de transmission entre générations : le changement le plus significatif pour le groupe des bénévoles, choisi à l’unanimité.',
  },
];
/**
 * The demo workspace that `npm start` creates on a fresh database, so a new user sees a
 * populated network at once. Idempotent: it does nothing when the demo account exists.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Returns true when it created the demo, false when it was already there. */
  async seed(): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      // Serialise concurrent starts on the same database.
      await m.query(`SELECT pg_advisory_xact_lock(7212026)`);
      if (await this.users.findByEmail(DEMO_ADMIN.email, m)) return false;
      const admin = await this.users.create({ ...DEMO_ADMIN, isPlatformAdmin: true }, m);
      const workspace = await this.workspaces.create(DEMO_WORKSPACE_NAME, admin.id, m);
      for (const person of DEMO_PEOPLE) {
        const user = await this.users.create({ email: person.email, displayName: person.displayName, password: DEMO_ADMIN.password }, m);
        await this.workspaces.addMember(workspace.id, user.id, person.role, m);
      }
      for (const o of DEMO_ORGANIZATIONS) {
        const organization = await m.save(
          m.create(OrganizationEntity, { workspaceId: workspace.id, name: o.name, legalForm: o.legalForm, city: o.city, description: o.description }),
        );
        if (o.contact) {
          const contact = await this.users.create({ ...o.contact, password: DEMO_ADMIN.password }, m);
          await this.organizations.addMember(workspace.id, organization.id, contact.id, 'contact', m);
        }
      }
      const facilitator = await this.users.findByEmail(DEMO_PEOPLE[0]!.email, m);
      await this.seedPreviousEvaluation(m, workspace.id, facilitator!.id);
      await this.seedEvaluation(m, workspace.id, facilitator!.id);
      await seedDemoReports(m, workspace.id, facilitator!.id);
      return true;
    });
  }

  /** The demo evaluation and its answers, written with the API's own submission SQL, in the seed's transaction. */
  private async seedEvaluation(m: EntityManager, workspaceId: string, facilitatorId: string): Promise<void> {
    const now = Date.now();
    const evaluation = await this.writeEvaluation(m, workspaceId, facilitatorId, {
      title: DEMO_EVALUATION.title,
      dimensionKeys: DEMO_EVALUATION.dimensionKeys,
      customQuestions: [DEMO_CUSTOM_QUESTION],
      groups: DEMO_EVALUATION.groups,
      opensAt: new Date(now - 21 * DAY),
      closesAt: new Date(now + 21 * DAY),
      status: 'collecting',
      seed: 2026,
      toneShift: 0,
      abandonedVolunteers: 2,
    });
    await this.seedVerbatims(m, evaluation, facilitatorId);
  }

  /** The organization's closed evaluation of the year before, to compare with. */
  private async seedPreviousEvaluation(m: EntityManager, workspaceId: string, facilitatorId: string): Promise<void> {
    const now = Date.now();
    await this.writeEvaluation(m, workspaceId, facilitatorId, {
      title: DEMO_PREVIOUS_EVALUATION.title,
      dimensionKeys: DEMO_PREVIOUS_EVALUATION.dimensionKeys,
      customQuestions: [],
      groups: DEMO_PREVIOUS_EVALUATION.groups,
      opensAt: new Date(now - 400 * DAY),
      closesAt: new Date(now - 358 * DAY),
      // Three years, so a demo kept running still has last year's answers to compare with.
      retentionMonths: 36,
      status: 'closed',
      seed: 2025,
      toneShift: DEMO_PREVIOUS_EVALUATION.toneShift,
      abandonedVolunteers: 0,
    });
  }

  /** An evaluation of the demo organization on the socle commun, its links and its answers. */
  private async writeEvaluation(
    m: EntityManager,
    workspaceId: string,
    facilitatorId: string,
    spec: {
      title: string;
      dimensionKeys: readonly string[];
      customQuestions: CustomQuestion[];
      groups: ReadonlyArray<{ groupKey: StakeholderGroupKey; anonymity: AnonymityMode; expectedCount: number; submitted: number; channel: SubmissionChannel }>;
      opensAt: Date;
      closesAt: Date;
      retentionMonths?: number;
      status: EvaluationStatus;
      seed: number;
      toneShift: number;
      abandonedVolunteers: number;
    },
  ): Promise<{ id: string; organizationId: string; workspaceId: string; k: number }> {
    const [organization] = await m.query<Array<{ id: string }>>(`SELECT id FROM organization WHERE workspace_id = $1 AND name = $2`, [
      workspaceId,
      DEMO_EVALUATION.organization,
    ]);
    const [version] = await m.query<Array<{ id: string; content_hash: string }>>(
      `SELECT v.id, v.content_hash FROM framework_version v JOIN framework f ON f.id = v.framework_id
        WHERE f.workspace_id = $1 AND f.builtin_key = $2 AND v.status = 'published' ORDER BY v.number DESC LIMIT 1`,
      [workspaceId, SOCLE_COMMUN_KEY],
    );
    const content = socleCommun();
    const design = checkEvaluationDesign(content, [...spec.dimensionKeys], spec.customQuestions);
    if (!design.ok) throw new Error(`demo evaluation design invalid: ${design.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    const evaluation = await m.save(
      m.create(EvaluationEntity, {
        workspaceId,
        organizationId: organization!.id,
        frameworkVersionId: version!.id,
        contentHash: version!.content_hash,
        title: spec.title,
        dimensionKeys: [...spec.dimensionKeys],
        customQuestions: design.customQuestions,
        opensAt: spec.opensAt,
        closesAt: spec.closesAt,
        kThreshold: 5,
        ...(spec.retentionMonths !== undefined && { retentionMonths: spec.retentionMonths }),
        status: spec.status,
        createdBy: facilitatorId,
      }),
    );
    const random = seededRandom(spec.seed);
    for (const group of spec.groups) {
      await m.insert(EvaluationGroupEntity, { workspaceId, evaluationId: evaluation.id, groupKey: group.groupKey, expectedCount: group.expectedCount, anonymity: group.anonymity });
      const questionnaire = compileQuestionnaire({
        version: { content },
        dimensionKeys: evaluation.dimensionKeys,
        customQuestions: evaluation.customQuestions,
        group: group.groupKey,
        locale: 'fr',
      });
      const people = group.groupKey === 'self_assessment' ? DEMO_EVALUATION.selfAssessmentPeople : group.groupKey === 'partners' ? DEMO_EVALUATION.partnerPeople : [];
      // Personal links for named people (tokens thrown away: the demo's links are not meant to be opened), one shared link otherwise.
      const links: string[] = [];
      for (const label of people.length > 0 ? people : [null]) {
        const link = await m.save(
          m.create(CollectionLinkEntity, {
            workspaceId,
            evaluationId: evaluation.id,
            groupKey: group.groupKey,
            kind: label === null ? 'shared' : 'personal',
            tokenHash: sha256Hex(randomToken()),
            label,
            email: null,
            maxSubmissions: null,
            sessionId: null,
            kiosk: false,
            createdBy: facilitatorId,
          }),
        );
        links.push(link.id);
      }
      for (let i = 0; i < group.submitted + (group.groupKey === 'volunteers' ? spec.abandonedVolunteers : 0); i++) {
        const partial = i >= group.submitted; // two volunteers stopped half-way: partials never count
        const paper = group.groupKey === 'beneficiaries' && i % 2 === 1;
        const data = demoSurveyData(questionnaire, content, random, spec.toneShift);
        const checked = normaliseAnswers(questionnaire, data);
        if (!checked.ok) throw new Error(`demo answers invalid for ${group.groupKey}: ${checked.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
        const personal = people.length > 0;
        await SUBMISSION_WRITE.write((sql, params) => m.query(sql, params), {
          workspaceId,
          evaluationId: evaluation.id,
          groupKey: group.groupKey,
          clientId: randomUUID(),
          linkId: paper ? null : personal ? links[i]! : links[0]!,
          sessionId: null,
          channel: paper ? 'paper' : group.channel,
          status: partial ? 'partial' : 'submitted',
          locale: 'fr',
          data,
          answers: checked.answers,
          roundToDay: group.anonymity === 'anonymous',
          respondentName: personal ? people[i]! : null,
          enteredBy: paper ? facilitatorId : null,
          // Spread over the collection so far.
          at: new Date(Math.min(Date.now(), spec.closesAt.getTime()) - Math.floor(random() * 20 * DAY) - DAY / 2),
        });
      }
    }
    return { id: evaluation.id, organizationId: organization!.id, workspaceId, k: evaluation.kThreshold };
  }


  /**
   * The code book, a few verbatims coded with it and the two stories chosen for the report, among
   * the open answers of groups with at least k answers. A story is kept as masked when chosen.
   */
  private async seedVerbatims(m: EntityManager, evaluation: { id: string; organizationId: string; workspaceId: string; k: number }, facilitatorId: string): Promise<void> {
    const { visible } = await verbatimGroups(m, evaluation.id, evaluation.k);
    const texts = await m.query<Array<{ id: string; text_value: string }>>(
      `SELECT a.id::text AS id, a.text_value FROM answer a JOIN submission s ON s.id = a.submission_id
        WHERE a.evaluation_id = $1 AND a.text_value IS NOT NULL AND s.status = 'submitted' AND a.group_key = ANY($2::varchar[])
        ORDER BY a.id`,
      [evaluation.id, visible],
    );
    for (const theme of DEMO_THEMES) {
      const [row] = await m.query<Array<{ id: string }>>(
        `INSERT INTO verbatim_theme (workspace_id, evaluation_id, label, label_key, description, color, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [evaluation.workspaceId, evaluation.id, theme.label, themeLabelKey(theme.label), theme.description, theme.color, facilitatorId],
      );
      const coded = texts.filter((text) => theme.keywords.test(text.text_value)).slice(0, DEMO_CODED_PER_THEME);
      await m.query(
        `INSERT INTO verbatim_coding (answer_id, theme_id, workspace_id, evaluation_id, coded_by) SELECT t.id, $2, $3, $4, $5 FROM unnest($1::bigint[]) AS t(id)`,
        [coded.map((c) => c.id), row!.id, evaluation.workspaceId, evaluation.id, facilitatorId],
      );
    }
    const names = prepareKnownNames(await evaluationKnownNames(m, evaluation));
    for (const story of DEMO_STORIES) {
      const chosen = texts.find((text) => text.text_value.includes(story.fragment));
      if (!chosen) throw new Error(`demo story not among the answers: ${story.fragment}`);
      await m.query(
        `INSERT INTO story_selection (answer_id, workspace_id, evaluation_id, reason, masked_text, selected_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [chosen.id, evaluation.workspaceId, evaluation.id, story.reason, maskVerbatim(chosen.text_value, names).text, facilitatorId],
      );
    }
  }
}
