import {
  COMMENT_SUFFIX,
  DONT_KNOW_VALUE,
  eachIndicator,
  evaluateCondition,
  type FrameworkContent,
  type Questionnaire,
  type QuestionnaireQuestion,
  type StakeholderGroupKey,
} from '#domain';

/** A small deterministic generator (mulberry32): the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How favourably each group sees the organization, from 0 (not at all) to 1 (fully): the
 * self-assessment a little above the others, as it often is, partners more reserved — so that
 * crossed perspectives show gaps worth discussing.
 */
const TONE: Record<StakeholderGroupKey, number> = {
  self_assessment: 0.8,
  staff: 0.68,
  volunteers: 0.74,
  board: 0.72,
  beneficiaries: 0.78,
  partners: 0.55,
  local_officials: 0.6,
  inhabitants: 0.62,
};

/** Plausible figures for the organization's own quantities (a 14-person work-integration ressourcerie). */
const QUANTITIES: Record<string, number> = {
  q_emplois_etp: 16.5,
  q_achats_locaux: 58,
  q_personnes_accueillies: 1240,
  q_initiatives_soutenues: 7,
  q_nombre_cooperations: 23,
  q_participation_ag: 64,
};

/**
 * Open answers in the words people use, per question; the generator picks among them. A few name
 * someone or leave a phone number or an address, as real answers do: the verbatims screen shows
 * them masked.
 */
const STORIES: Record<string, readonly string[]> = {
  q_recit_changement_personnel: [
    'Quand je suis arrivée je ne parlais à personne. Aujourd’hui je tiens la caisse le samedi et je connais tout le monde.',
    'J’ai retrouvé un rythme, des horaires, et l’envie de me lever le matin.',
    'Grâce à l’atelier réparation, j’ai appris à réparer mon vélo et celui de mes enfants.',
    'On m’a aidé pour mes papiers. Sans ça je n’aurais pas eu mon logement.',
    'Karim m’a accompagné pour mon CV et m’a laissé son numéro, le 06 71 42 18 93, au cas où. Trois mois après, j’ai signé un contrat.',
    'Ma voisine Fatou m’a amenée la première fois. Maintenant c’est moi qui amène d’autres mamans du quartier.',
    'J’ai repris confiance : j’ose maintenant demander de l’aide quand je ne comprends pas.',
  ],
  q_recit_initiative: [
    'Avec d’autres bénévoles, on a lancé une gratiferia tous les premiers dimanches du mois.',
    'Une habitante a proposé un atelier couture ; il y a maintenant huit personnes chaque mardi.',
    'Les salarié·es en insertion ont organisé eux-mêmes la journée portes ouvertes.',
    'On a monté un système de covoiturage pour venir au dépôt depuis les villages.',
    'Avec Mme Perrin, on a lancé le « Repair café » du jeudi : les gens viennent réparer leur grille-pain et repartent avec un café et des voisins.',
  ],
  q_recit_engagement: [
    'Je suis venu déposer un buffet et je suis resté : ça fait trois ans que je trie les livres le mercredi.',
    'Retraitée, j’avais peur de m’ennuyer. Ici je transmets ce que je sais de la couture et j’apprends des plus jeunes.',
    'Inès m’a appris à tester les appareils électriques ; maintenant c’est moi qui forme les nouveaux bénévoles.',
    'Pour rejoindre l’équipe du samedi, écrivez-moi à marcel.atelier@laposte.net, on manque toujours de bras !',
    'Mon engagement ici, c’est pour que les objets aient une deuxième vie et les gens une deuxième chance.',
  ],
  q_recit_coconstruction: [
    'La communauté de communes nous a associés au plan local de prévention des déchets.',
    'Nous avons co-écrit avec le département le cahier des charges du futur chantier d’insertion.',
  ],
  q_recit_territoire: [
    'La ressourcerie est devenue un lieu où l’on se croise, au-delà des clients habituels.',
    'Ils ont repris le local vide de la rue principale : le centre-bourg a retrouvé de la vie.',
    'Nos élèves y font leurs stages de découverte, c’est un vrai partenaire éducatif.',
  ],
  q_recit_transition: [
    'On pèse tout ce qui entre : 212 tonnes évitées l’an dernier, ça rend le travail concret.',
    'J’ai changé ma façon de consommer depuis que je travaille ici.',
    'Le tri à la source nous a pris du temps, mais toute l’équipe s’y est mise.',
  ],
  q_recit_changement_societal: [
    'Ils ont montré qu’on peut créer des emplois durables à partir de ce que les gens jettent.',
    'Le réemploi est entré dans les discussions du conseil municipal grâce à eux.',
  ],
};

const WHY: readonly string[] = [
  'Parce que l’équipe prend le temps d’écouter.',
  'On manque encore de moyens pour aller plus loin.',
  'Je l’ai vu de mes yeux plusieurs fois cette année.',
  'C’est variable selon les périodes.',
  'Les horaires d’ouverture ne conviennent pas à tout le monde.',
  'Parce que Nadia prend le temps d’écouter chacun·e.',
  'On se sent utile, et on apprend tous les jours.',
];

/**
 * A plausible complete set of SurveyJS data for one respondent of `questionnaire`: each visible
 * question answered (optional ones sometimes skipped, "je ne sais pas" sometimes chosen), scales
 * leaning by the group's tone, open answers from realistic stories. Conditions are evaluated
 * as the browser does, question by question in order. `toneShift` moves the group's tone (from 0,
 * unfavourable, to 1, favourable): a negative shift makes answers a little less favourable.
 */
export function demoSurveyData(questionnaire: Questionnaire, content: FrameworkContent, random: () => number, toneShift = 0): Record<string, unknown> {
  const tone = Math.min(1, Math.max(0, TONE[questionnaire.group] + toneShift));
  const favoured = favouredOrder(content);
  const data: Record<string, unknown> = {};
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (const question of questionnaire.questions) {
    if (question.visibleIf !== null && !evaluateCondition(question.visibleIf, data)) continue;
    if (!question.required && random() < 0.15) continue;
    if (question.dontKnow && random() < 0.06) {
      data[question.key] = question.answer.kind === 'multiple_choice' ? [DONT_KNOW_VALUE] : DONT_KNOW_VALUE;
      continue;
    }
    const value = answerFor(question, favoured.get(question.indicatorKey), tone, random, pick);
    if (value === undefined) continue;
    data[question.key] = value;
    if (question.why && random() < 0.2) data[question.key + COMMENT_SUFFIX] = pick(WHY);
  }
  return data;
}

/** Choices of weighted indicators, from the most to the least favourable. */
function favouredOrder(content: FrameworkContent): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const { indicator } of eachIndicator(content)) {
    const scoring = indicator.scoring as { rule: string; weights?: Record<string, number> };
    if (scoring.rule === 'weights' && scoring.weights) {
      const weights = scoring.weights;
      order.set(indicator.key, Object.keys(weights).sort((a, b) => weights[b]! - weights[a]!));
    }
  }
  return order;
}

function answerFor(
  question: QuestionnaireQuestion,
  favoured: readonly string[] | undefined,
  tone: number,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
): unknown {
  const spec = question.answer;
  // A position in [0, 1] around the group's tone, with some spread.
  const leaning = Math.min(1, Math.max(0, tone + (random() + random() - 1) * 0.45));
  switch (spec.kind) {
    case 'scale':
      return spec.min + Math.round(leaning * (spec.max - spec.min));
    case 'quantity': {
      const base = QUANTITIES[question.key] ?? spec.min + 10;
      const value = spec.integer ? Math.round(base) : base;
      return spec.max !== null ? Math.min(spec.max, value) : value;
    }
    case 'yes_no':
      return random() < 0.35 + tone * 0.5 ? spec.choices[0] : spec.choices[1];
    case 'single_choice': {
      const ranked = favoured?.filter((choice) => spec.choices.includes(choice)) ?? spec.choices;
      return ranked.length > 0 ? ranked[Math.min(ranked.length - 1, Math.floor((1 - leaning) * ranked.length))] : pick(spec.choices);
    }
    case 'multiple_choice': {
      const chosen = spec.choices.filter(() => random() < 0.25 + tone * 0.3);
      return chosen.length > 0 ? chosen : [pick(spec.choices)];
    }
    case 'text': {
      const stories = STORIES[question.key];
      if (!stories || random() < 0.3) return undefined;
      return pick(stories).slice(0, spec.maxLength);
    }
  }
}
