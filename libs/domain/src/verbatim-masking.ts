/**
 * Masking of verbatims (open answers) before anyone but the facilitator reads them, and before one
 * can be chosen as a story for the report: e-mail addresses, phone numbers and people's names are
 * replaced by `[e-mail]`, `[téléphone]` and `[nom]` (the French tokens are stored; screens in
 * English show them as `[e-mail]`, `[phone]`, `[name]`).
 *
 * Precision choices, in the order the detectors run:
 * - E-mail addresses: `local@domain.tld`, also written `local (at) domain.tld` or `local arobase domain.tld`.
 * - Phone numbers: French numbers of ten digits starting with 0 and a non-zero digit, however they
 *   are grouped (06 12 34 56 78, 06.12.34.56.78, 0612345678, 06 95 378 378), and international
 *   numbers starting with + or 00 with at least ten digits (+33 6 12 34 56 78, +33 (0)6…, 0033 6…,
 *   +44 20 7946 0958, +1 (415) 555 2671). Amounts, years and postcodes do not start that way and
 *   are left alone (nor does "+12 000 000 €": too few digits for a phone).
 * - Names given by the caller (`knownNames`: respondents of confidential and named groups, members
 *   of the organization and of the network, labels of personal links): the whole name, in any case
 *   and with or without accents; each of its words alone only when written with a capital (so the
 *   surname "Brun" is masked but the colour "brun" is not). Labels that name an institution
 *   ("Mairie de Crest") are matched as a whole only.
 * - Cues: a civility (M., Mme, Madame, Monsieur, Mlle, Dr…) or a word naming a person (ma voisine,
 *   le bénévole, l'animateur·ice…) followed by capitalised words; an introduction ("je m'appelle x",
 *   "mon prénom est x", "moi c'est X"), where the first word may be in lower case.
 * - Common first names (a list), written with a capital, wherever they are; the few that are also
 *   common words (Rose, Claire, Pierre, Grâce…) only inside a sentence or before a capitalised surname.
 * - Two adjacent capitalised words inside a sentence (first name + surname), unless one of them is
 *   an institution or place word (France Travail, Secours Populaire, Saint…). Capitalised pairs at
 *   the start of a sentence are not taken, as most are ordinary words.
 * A name found is extended to the capitalised words that follow it (its surname), with particles
 * (de, du, van…) between them. A rare first name alone, written without any cue, is not detected:
 * the masked text is shown to the facilitator before a story is chosen.
 *
 * `maskVerbatim` is idempotent: masking a masked text changes nothing.
 */

export type MaskKind = 'name' | 'email' | 'phone';

/** The tokens stored in masked texts (French, the reference language). */
export const MASK_TOKENS: Readonly<Record<MaskKind, string>> = { name: '[nom]', email: '[e-mail]', phone: '[téléphone]' };
const MASK_TOKENS_EN: Readonly<Record<MaskKind, string>> = { name: '[name]', email: '[e-mail]', phone: '[phone]' };

/** Changes whenever the rules change, so that stored masked texts are made again. */
export const VERBATIM_MASKING_VERSION = 1;

export interface MaskedVerbatim {
  /** the text, NFC-normalised, with what was detected replaced by the tokens */
  text: string;
  /** true when anything was replaced */
  masked: boolean;
  found: Record<MaskKind, number>;
}

/** Known names, prepared once and reused for every verbatim of an evaluation. */
export interface KnownNames {
  /** folded words of whole names (two words or more), matched in any case, by their first word */
  phrases: ReadonlyMap<string, ReadonlyArray<readonly string[]>>;
  /** folded single words of people's names, matched when capitalised */
  words: ReadonlySet<string>;
}

interface Token {
  text: string;
  start: number;
  end: number;
  folded: string;
  /** starts with a capital letter */
  capital: boolean;
  /** a capital followed by at least one lower-case letter (Julie, not CAF) */
  titleCase: boolean;
}

interface Span {
  start: number;
  end: number;
  kind: MaskKind;
}

const APOSTROPHES = /[’‘ʼ`´]/g;
// Words: letters, marks and digits, joined by hyphens and the middle dots of inclusive writing.
// Apostrophes split words (d’Anne → d, Anne; N’Diaye → N, Diaye).
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-‐‑·•⋅‧][\p{L}\p{M}\p{N}]+)*/gu;
const INCLUSIVE_SUFFIX = /[·•⋅‧].*$/u;

/**
 * Lower case, without accents or ligatures, typographic apostrophes and spaces made plain: what
 * searching and name matching compare. Used for the stored search text and for the query alike.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(APOSTROPHES, "'")
    .replace(/[\s\u00A0\u202F]+/gu, ' ');
}

/** The masked text for display in `locale`: the tokens are stored in French. */
export function localiseMaskTokens(text: string, locale: 'fr' | 'en'): string {
  if (locale === 'fr') return text;
  let out = text;
  for (const kind of Object.keys(MASK_TOKENS) as MaskKind[]) out = out.split(MASK_TOKENS[kind]).join(MASK_TOKENS_EN[kind]);
  return out;
}

/** Words recur from one verbatim to the next: their folded forms are kept (up to a bound). */
const foldedWords = new Map<string, string>();
const FOLDED_WORDS_MAX = 50_000;
function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = foldText(word);
    if (foldedWords.size >= FOLDED_WORDS_MAX) foldedWords.clear();
    foldedWords.set(word, folded);
  }
  return folded;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    tokens.push({
      text: word,
      start: match.index,
      end: match.index + word.length,
      folded: foldWord(word),
      capital: /^\p{Lu}/u.test(word),
      titleCase: /^\p{Lu}[\p{L}\p{M}]*\p{Ll}/u.test(word),
    });
  }
  return tokens;
}

// ——— word lists (folded) ———

/** Particles inside names: "Alice Oechsner de Coninck", "Ludwig van Beethoven". */
const PARTICLES = new Set(['de', 'du', 'des', 'd', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'della', 'le', 'la', 'ben', 'bin', 'el', 'al', 'ter', 'zu']);

/** Words that make a capitalised pair an institution or a place rather than a person. */
const INSTITUTION_WORDS = new Set([
  'agence', 'agglomeration', 'association', 'asso', 'atelier', 'banque', 'bibliotheque', 'cafe', 'caf', 'caisse', 'catholique', 'ccas',
  'centre', 'chambre', 'chantier', 'cinema', 'club', 'collectif', 'college', 'commune', 'communaute', 'conseil', 'cooperative', 'cpam',
  'credit', 'cress', 'croix', 'departement', 'departemental', 'departementale', 'direction', 'ecole', 'emmaus', 'emploi', 'entreprise',
  'epicerie', 'federation', 'fondation', 'france', 'grand', 'grande', 'hopital', 'insertion', 'lycee', 'mairie', 'maison', 'mediatheque',
  'metropole', 'ministere', 'mission', 'locale', 'municipal', 'municipale', 'office', 'pole', 'populaire', 'prefecture', 'quartier',
  'region', 'regional', 'regionale', 'regie', 'reseau', 'ressourcerie', 'restos', 'resto', 'rouge', 'saint', 'sainte', 'scic', 'scop',
  'secours', 'service', 'services', 'societe', 'solidaire', 'syndicat', 'theatre', 'travail', 'universite', 'ville', 'val', 'vallee',
  'mont', 'pays', 'parc', 'rue', 'avenue', 'place', 'boulevard', 'chemin', 'route', 'port', 'lac', 'ile', 'fort', 'pont', 'bourg',
  'haute', 'haut', 'hautes', 'bas', 'basse', 'nord', 'sud', 'est', 'ouest', 'provence', 'alpes', 'drome', 'ardeche', 'isere', 'lyon',
  'paris', 'marseille', 'valence', 'crest', 'die', 'toulouse', 'lille', 'nantes', 'bordeaux', 'europe', 'etat', 'republique', 'union',
  'fonds', 'social', 'sociale', 'economie', 'ess', 'dla', 'plie', 'rsa', 'apl', 'noel', 'paques', 'toussaint',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre',
]);

/** Capitalised words that start sentences or titles and are never names. */
const NEVER_NAMES = new Set([
  'je', 'j', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'd', 'et',
  'ou', 'mais', 'donc', 'or', 'ni', 'car', 'ce', 'cet', 'cette', 'ces', 'c', 'ca', 'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'son', 'sa',
  'ses', 'notre', 'nos', 'votre', 'vos', 'leur', 'leurs', 'a', 'au', 'aux', 'en', 'dans', 'par', 'pour', 'avec', 'sans', 'sur', 'sous',
  'chez', 'merci', 'bonjour', 'oui', 'non', 'si', 'quand', 'comme', 'depuis', 'grace', 'avant', 'apres', 'tout', 'tous', 'toute',
  'toutes', 'qui', 'que', 'qu', 'quoi', 'ici', 'la-bas', 'aujourd', 'hui', 'moi', 'toi', 'lui', 'eux', 'the', 'and', 'i', 'my', 'we',
  'nom', 'prenom', 'e-mail', 'telephone', 'name', 'phone', 'mme', 'm', 'mr', 'mlle', 'madame', 'monsieur', 'mademoiselle', 'dr',
]);

const CIVILITIES = new Set(['m', 'mr', 'mme', 'mmes', 'mlle', 'mlles', 'madame', 'monsieur', 'mademoiselle', 'messieurs', 'mesdames', 'dr', 'docteur', 'docteure', 'pr', 'professeur', 'professeure', 'maitre', 'mrs', 'ms', 'miss', 'mister']);

/** Words naming a person, which a capitalised name often follows (inclusive forms are read up to the middle dot). */
const PERSON_NOUNS = new Set([
  'ami', 'amie', 'copain', 'copine', 'collegue', 'voisin', 'voisine', 'fils', 'fille', 'frere', 'soeur', 'mari', 'femme', 'epoux', 'epouse',
  'compagnon', 'compagne', 'conjoint', 'conjointe', 'mere', 'pere', 'maman', 'papa', 'tante', 'oncle', 'cousin', 'cousine', 'neveu',
  'niece', 'grand-mere', 'grand-pere', 'mamie', 'papi', 'enfant', 'petit-fils', 'petite-fille', 'conseiller', 'conseillere', 'referent',
  'referente', 'animateur', 'animatrice', 'educateur', 'educatrice', 'formateur', 'formatrice', 'encadrant', 'encadrante', 'directeur',
  'directrice', 'president', 'presidente', 'tresorier', 'tresoriere', 'secretaire', 'benevole', 'benevoles', 'salarie', 'salariee',
  'responsable', 'coordinateur', 'coordinatrice', 'coordonnateur', 'coordonnatrice', 'accompagnateur', 'accompagnatrice', 'chef',
  'cheffe', 'patron', 'patronne', 'medecin', 'infirmier', 'infirmiere', 'assistante', 'assistant', 'stagiaire', 'apprenti', 'apprentie',
  'denomme', 'denommee', 'nomme', 'nommee', 'prenomme', 'prenommee', 'surnomme', 'surnommee', 'monsieur', 'madame', 'camarade',
  'friend', 'colleague', 'neighbour', 'neighbor', 'mr', 'mrs',
]);

/** Introductions after which the next word is a name, even in lower case ("je m'appelle fatima"). */
const INTRODUCTIONS: ReadonlyArray<{ words: readonly string[]; capitalOnly: boolean }> = [
  { words: ['je', 'm', 'appelle'], capitalOnly: false },
  { words: ['je', 'me', 'nomme'], capitalOnly: false },
  { words: ['on', 'm', 'appelle'], capitalOnly: false },
  { words: ['mon', 'prenom', 'est'], capitalOnly: false },
  { words: ['mon', 'prenom', 'c', 'est'], capitalOnly: false },
  { words: ['mon', 'nom', 'est'], capitalOnly: false },
  { words: ['mon', 'nom', 'c', 'est'], capitalOnly: false },
  { words: ['moi', 'c', 'est'], capitalOnly: true },
  { words: ['my', 'name', 'is'], capitalOnly: false },
  { words: ['i', 'am', 'called'], capitalOnly: false },
];
const INTRODUCTION_STARTS = new Set(INTRODUCTIONS.map((intro) => intro.words[0]!));
/** Words that follow an introduction without being a name ("je m'appelle comme mon père"). */
const NOT_AFTER_INTRODUCTION = new Set(['comme', 'pas', 'aussi', 'plus', 'encore', 'toujours', 'bien', 'donc', 'vraiment', 'ainsi', 'pareil', 'simplement', 'tout', 'juste', 'not', 'also', 'just']);

/** Common first names in France (several generations and origins). */
const FIRST_NAMES = new Set(
  `adam adele adrien agathe agnes ahmed aicha alain alexandre alexandra alexis alice alicia aline amandine amel amelie amine amir anais
  andre andrea angelique anne annie antoine anthony armand arnaud arthur audrey aurelie aurelien axel aya aymeric baptiste barbara
  bastien beatrice benedicte benjamin benoit bernadette bernard bertrand blandine brigitte bruno camille capucine carine carole caroline
  catherine cecile celia celine chantal charles charlotte chloe christelle christian christine christophe claude claudine clemence
  clement clementine coline colette corinne cyril cyrille damien daniel danielle david delphine denis denise didier dominique dylan
  edouard eleonore elias elise elodie eloise emilie emile emma emmanuel emmanuelle enzo eric estelle ethan etienne eugenie eva evelyne
  fabien fabienne fabrice fanny farid fatima fatou florence florent florian francis francois francoise franck frederic frederique
  gabriel gabrielle gael gaelle gaspard genevieve georges gerard gilbert gilles ginette guillaume guy helene henri herve hugo hugues
  ibrahim ines irene isabelle ismael jacqueline jacques jade jean jeanne jeannine jennifer jeremy jerome joel joelle johanna jonathan
  jordan joseph josiane josette jules julia julie julien juliette justine karim karima kevin khadija laetitia lamia laura laure laurence
  laurent lea leila lena leo leon leonie liliane lina lisa lise loic louis louise luc luca lucas lucie lucien lucile ludovic lydie
  madeleine maelle mamadou manon marc marcel marguerite margot marie marine mario marion marius martin martine mathieu mathilde mathis
  matteo mael maxence maxime mehdi melanie michel micheline michele mickael mila mireille mohamed mohammed monique morgane moussa
  muriel myriam nabil nadia nadine nadir nathalie nathan nicolas nicole nina noah noemie nora nour oceane odette odile olivier oscar
  ousmane pascal pascale patrice patricia patrick paul pauline philippe pierre quentin rachel rachid rafael raphael raymond rayan
  regis remi renaud rene richard robert roger romain romane rose sabine sabrina salome samia samir samuel sandra sandrine sarah
  sebastien serge simon simone solene sophie stephane stephanie suzanne sylvain sylvie tatiana theo thibault thierry thomas timothee
  tom valentin valentine valerie vanessa veronique victor victoria vincent virginie xavier yann yannick yasmine yassine yves yvette
  yvonne zoe karine ophelie lou maya kenza salma nassim youssef sofiane bilal walid hamza anis sami aminata awa binta kadiatou oumar
  seydou abdou malik sana naima latifa houria djamila yacine mourad kamel redouane souad zohra jean-pierre jean-marc jean-luc
  jean-paul jean-claude jean-michel jean-francois marie-claire marie-christine marie-france marie-pierre anne-marie anne-sophie
  pierre-yves paul-henri grace claire aurore marin`
    .split(/\s+/)
    .filter(Boolean),
);
/** First names that are also common words: names only inside a sentence, or before a capitalised surname. */
const AMBIGUOUS_FIRST_NAMES = new Set(['rose', 'claire', 'pierre', 'grace', 'jade', 'aurore', 'marin', 'marine', 'capucine', 'victoria', 'florence', 'constance', 'lise', 'lou']);

// ——— detectors ———

const SPACE = '[ \\u00A0\\u202F]';
const PHONE_SEPARATOR = '[ \\u00A0\\u202F.\\-]';
const EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}._%+\\-]+(?:@|${SPACE}?[\\[(]${SPACE}?(?:at|arobase)${SPACE}?[\\])]${SPACE}?|${SPACE}+arobase${SPACE}+)[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}])`,
  'giu',
);
const FRENCH_PHONE = new RegExp(`(?<![\\p{L}\\p{N}+])0[1-9](?:${PHONE_SEPARATOR}?\\d){8}(?!\\d)`, 'gu');
const INTERNATIONAL_PHONE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:\\+|00)${PHONE_SEPARATOR}?[1-9]\\d{0,2}(?:${PHONE_SEPARATOR}?\\(\\d{1,4}\\))?(?:${PHONE_SEPARATOR}?\\d){6,13}(?!\\d)`,
  'gu',
);

function regexSpans(text: string, pattern: RegExp, kind: MaskKind, accept: (match: string) => boolean = () => true): Span[] {
  return [...text.matchAll(pattern)].filter((m) => accept(m[0])).map((m) => ({ start: m.index, end: m.index + m[0].length, kind }));
}

/** International numbers have at least ten digits in practice; fewer is more likely an amount (+12 000 000 €). */
const INTERNATIONAL_DIGITS = 10;
const longEnough = (match: string) => match.replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^00/, '').length >= INTERNATIONAL_DIGITS;

/** Tokens i and i+1 are written together: only spaces between them (no punctuation, no line break). */
function adjacent(text: string, tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (!next) return false;
  return /^[ \u00A0\u202F\t]+$/u.test(text.slice(tokens[i]!.end, next.start));
}

/** The token opens a sentence: nothing but sentence punctuation, quotes, bullets or line breaks before it. */
function sentenceStart(text: string, tokens: readonly Token[], i: number): boolean {
  const before = i === 0 ? text.slice(0, tokens[0]!.start) : text.slice(tokens[i - 1]!.end, tokens[i]!.start);
  return (i === 0 && /^[\s«"“'‘(\-–—•*]*$/u.test(before)) || /[.!?…\n«"“]/u.test(before);
}

function isNameWord(token: Token | undefined): token is Token {
  return token !== undefined && token.capital && !NEVER_NAMES.has(token.folded) && !/^\p{N}/u.test(token.text);
}

/** From a name starting at token i, the last token of it: the capitalised words that follow, with particles between them. */
function extendName(text: string, tokens: readonly Token[], i: number, max = 3): number {
  let last = i;
  let taken = 0;
  while (taken < max && adjacent(text, tokens, last)) {
    const next = tokens[last + 1]!;
    if (isNameWord(next) && !INSTITUTION_WORDS.has(next.folded)) {
      last += 1;
      taken += 1;
      continue;
    }
    const after = tokens[last + 2];
    if (PARTICLES.has(next.folded) && !next.capital && adjacent(text, tokens, last + 1) && isNameWord(after) && after.titleCase && !INSTITUTION_WORDS.has(after.folded)) {
      last += 2;
      taken += 1;
      continue;
    }
    break;
  }
  return last;
}

function nameSpans(text: string, tokens: readonly Token[], known: KnownNames): Span[] {
  const spans: Span[] = [];
  const add = (from: number, to: number) => spans.push({ start: tokens[from]!.start, end: tokens[to]!.end, kind: 'name' });

  // Whole known names, any case.
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of known.phrases.get(tokens[i]!.folded) ?? []) {
      if (i + phrase.length > tokens.length) continue;
      let ok = true;
      for (let j = 0; j < phrase.length && ok; j++) {
        ok = tokens[i + j]!.folded === phrase[j] && (j === phrase.length - 1 || /^[ \u00A0\u202F\t'’-]*$/u.test(text.slice(tokens[i + j]!.end, tokens[i + j + 1]!.start)));
      }
      if (ok) add(i, i + phrase.length - 1);
    }
  }

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];

    // Civilities: "M. Dupont", "Mme Martin", "madame Michu".
    const civility = CIVILITIES.has(token.folded) && (token.folded !== 'm' || token.text === 'M') && adjacentAfterCivility(text, tokens, i);
    if (civility && isNameWord(next) && !INSTITUTION_WORDS.has(next.folded)) {
      add(i + 1, extendName(text, tokens, i + 1));
      continue;
    }
    // "Monsieur Le Goff", "Mme De Oliveira": a capitalised particle starts the name.
    const afterParticle = tokens[i + 2];
    if (civility && next?.capital && PARTICLES.has(next.folded) && adjacent(text, tokens, i + 1) && isNameWord(afterParticle) && afterParticle.titleCase) {
      add(i + 1, extendName(text, tokens, i + 2));
      continue;
    }

    // A word naming a person, then a capitalised name: "ma voisine Fatou", "l'animateur·ice Sam".
    const base = token.folded.replace(INCLUSIVE_SUFFIX, '');
    if (PERSON_NOUNS.has(base) && adjacent(text, tokens, i) && isNameWord(next) && !INSTITUTION_WORDS.has(next.folded)) {
      add(i + 1, extendName(text, tokens, i + 1));
      continue;
    }

    if (!token.capital || NEVER_NAMES.has(token.folded)) continue;
    const atStart = sentenceStart(text, tokens, i);
    const beforeSurname = adjacent(text, tokens, i) && isNameWord(next) && !INSTITUTION_WORDS.has(next.folded);

    // Words of known names, written with a capital.
    if (known.words.has(token.folded)) {
      add(i, extendName(text, tokens, i));
      continue;
    }
    // Common first names.
    if (FIRST_NAMES.has(token.folded) && (!AMBIGUOUS_FIRST_NAMES.has(token.folded) || !atStart || beforeSurname)) {
      add(i, extendName(text, tokens, i));
      continue;
    }
    // Two capitalised words inside a sentence: a first name and a surname.
    if (!atStart && token.titleCase && beforeSurname && !INSTITUTION_WORDS.has(token.folded)) {
      add(i, extendName(text, tokens, i));
    }
  }

  // Introductions: "je m'appelle fatima", "mon prénom est Yanis".
  for (let i = 0; i < tokens.length; i++) {
    if (!INTRODUCTION_STARTS.has(tokens[i]!.folded)) continue;
    for (const intro of INTRODUCTIONS) {
      const n = intro.words.length;
      if (i + n >= tokens.length) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = tokens[i + j]!.folded === intro.words[j];
      if (!ok) continue;
      const name = tokens[i + n]!;
      const gap = text.slice(tokens[i + n - 1]!.end, name.start);
      if (!/^[ \u00A0\u202F\t:,'’-]*$/u.test(gap)) continue;
      const plausible = /^\p{L}/u.test(name.text) && !NOT_AFTER_INTRODUCTION.has(name.folded) && !NEVER_NAMES.has(name.folded);
      if (plausible && (!intro.capitalOnly || name.capital)) add(i + n, extendName(text, tokens, i + n));
    }
  }
  return spans;
}

/** "M." / "Mme" / "Dr." then the name, separated by spaces (a dot after an abbreviation). */
function adjacentAfterCivility(text: string, tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (!next) return false;
  return /^\.?[ \u00A0\u202F\t]+$/u.test(text.slice(tokens[i]!.end, next.start));
}

/** Prepares the names of people known to the evaluation: whole names and, for people, their words. */
export function prepareKnownNames(names: Iterable<string>): KnownNames {
  const phrases = new Map<string, string[]>();
  const words = new Set<string>();
  for (const raw of names) {
    const cleaned = raw
      .normalize('NFC')
      .replace(/\([^)]*\)/g, ' ')
      .replace(EMAIL, ' ');
    const tokens = tokenize(cleaned).filter((t) => /\p{L}/u.test(t.text));
    if (tokens.length === 0) continue;
    const folded = tokens.map((t) => t.folded);
    if (folded.length >= 2) phrases.set(folded.join(' '), folded);
    const institution = folded.some((w) => INSTITUTION_WORDS.has(w));
    if (institution) continue;
    for (const word of folded) {
      for (const part of [word, ...(word.includes('-') ? word.split('-') : [])]) {
        if (part.length >= 2 && !PARTICLES.has(part) && !NEVER_NAMES.has(part) && !INSTITUTION_WORDS.has(part)) words.add(part);
      }
    }
  }
  const byFirstWord = new Map<string, string[][]>();
  for (const phrase of phrases.values()) byFirstWord.set(phrase[0]!, [...(byFirstWord.get(phrase[0]!) ?? []), phrase]);
  return { phrases: byFirstWord, words };
}

const NO_KNOWN_NAMES: KnownNames = { phrases: new Map(), words: new Set() };

/**
 * Masks e-mail addresses, phone numbers and names in an open answer. `known` are the names the
 * evaluation knows of (prepared once with `prepareKnownNames` when masking many texts).
 */
export function maskVerbatim(input: string, known: KnownNames | Iterable<string> = NO_KNOWN_NAMES): MaskedVerbatim {
  const names = isKnownNames(known) ? known : prepareKnownNames(known);
  const text = input.normalize('NFC');
  const found: Record<MaskKind, number> = { name: 0, email: 0, phone: 0 };
  // Addresses and numbers first; names are then looked for in the text as it reads with their
  // tokens, so that masking a masked text finds the same names (the digits or dots of a number
  // are not taken for the end of a sentence).
  // Most verbatims have neither: the cheap tests spare the full patterns.
  const mayHaveEmail = text.includes('@') || /arobase|[[(] ?at ?[\])]/i.test(text);
  const mayHavePhone = /\d[^\d]?\d/.test(text);
  const contacts = [
    ...(mayHaveEmail ? regexSpans(text, EMAIL, 'email') : []),
    ...(mayHavePhone ? [...regexSpans(text, INTERNATIONAL_PHONE, 'phone', longEnough), ...regexSpans(text, FRENCH_PHONE, 'phone')] : []),
  ];
  const withoutContacts = replaceSpans(text, merge(contacts, text), found);
  const out = replaceSpans(withoutContacts, merge(nameSpans(withoutContacts, tokenize(withoutContacts), names), withoutContacts), found);
  return { text: out, masked: found.name + found.email + found.phone > 0, found };
}

function replaceSpans(text: string, spans: readonly Span[], found: Record<MaskKind, number>): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + MASK_TOKENS[span.kind];
    found[span.kind] += 1;
    at = span.end;
  }
  return out + text.slice(at);
}

function isKnownNames(value: unknown): value is KnownNames {
  return typeof value === 'object' && value !== null && 'phrases' in value && 'words' in value;
}

/** Overlapping spans become one; names separated only by spaces become one. */
function merge(spans: readonly Span[], text: string): Span[] {
  const priority = (kind: MaskKind) => (kind === 'name' ? 1 : 0);
  const sorted = [...spans].sort((a, b) => a.start - b.start || priority(a.kind) - priority(b.kind) || b.end - a.end);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      continue;
    }
    if (last && last.kind === 'name' && span.kind === 'name' && /^[ \u00A0\u202F\t]+$/u.test(text.slice(last.end, span.start))) {
      last.end = span.end;
      continue;
    }
    out.push({ ...span });
  }
  return out;
}
