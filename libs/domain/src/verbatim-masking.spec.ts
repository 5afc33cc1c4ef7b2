import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { foldText, localiseMaskTokens, maskVerbatim, prepareKnownNames } from './verbatim-masking.js';

describe('maskVerbatim: e-mail addresses', () => {
  it.each([
    ['Écrivez-moi à julie.martin@exemple.fr pour la suite.', 'Écrivez-moi à [e-mail] pour la suite.'],
    ['contact : Jean-Luc.Dupré+asso@mairie-crest.gouv.fr.', 'contact : [e-mail].'],
    ['mon adresse élodie_b@laposte.net', 'mon adresse [e-mail]'],
    ['Karim (at) ressourcerie.org', '[e-mail]'],
    ['écrire à karim arobase ressourcerie.org', 'écrire à [e-mail]'],
  ])('%j → %j', (input, expected) => {
    expect(maskVerbatim(input).text).toBe(expected);
  });

  it('leaves an at sign that is not an address alone', () => {
    expect(maskVerbatim('Rendez-vous @ la gratiferia, 3 € @ chaque fois').masked).toBe(false);
  });
});

describe('maskVerbatim: phone numbers', () => {
  it.each([
    ['Appelez le 06 12 34 56 78 le matin.', 'Appelez le [téléphone] le matin.'],
    ['tel 06.12.34.56.78', 'tel [téléphone]'],
    ['0612345678', '[téléphone]'],
    ['06-12-34-56-78 ou 04 75 25 11 22', '[téléphone] ou [téléphone]'],
    ['joignable au 06 95 378 378', 'joignable au [téléphone]'],
    ['06\u00A012\u00A034\u00A056\u00A078', '[téléphone]'],
    ['+33 6 12 34 56 78', '[téléphone]'],
    ['(+33 (0)6 12 34 56 78)', '([téléphone])'],
    ['+33612345678 !', '[téléphone] !'],
    ['0033 6 12 34 56 78', '[téléphone]'],
    ['UK: +44 20 7946 0958', 'UK: [téléphone]'],
    ['+1 (415) 555 2671', '[téléphone]'],
  ])('%j → %j', (input, expected) => {
    expect(maskVerbatim(input).text).toBe(expected);
  });

  it.each([
    '212 tonnes évitées en 2023, 1 240 personnes accueillies',
    'Le local fait 1200 m², code postal 26400.',
    'Nous sommes passés de 12 à 16,5 ETP entre 2019 et 2024.',
    'le 12/05/2024 à 14 h 30',
    'SIRET 123 456 789 00012',
    'un numéro incomplet 06 12 34 56',
    'onze chiffres 06 12 34 56 789',
    '+15 000 visiteurs cette année',
    '+12 000 000 € de chiffre d’affaires',
    '+1 200 000 € en trois ans',
  ])('leaves figures that are not phone numbers: %j', (input) => {
    expect(maskVerbatim(input)).toEqual({ text: input, masked: false, found: { name: 0, email: 0, phone: 0 } });
  });
});

describe('maskVerbatim: known names', () => {
  const known = prepareKnownNames(['Nadia Roux (direction)', 'Paul Ferrand (président)', 'Inès Morel', 'Lucie Brun', 'Mairie de Crest', 'Alice Oechsner de Coninck']);

  it.each([
    ['Nadia Roux nous a beaucoup aidés.', '[nom] nous a beaucoup aidés.'],
    ['merci à nadia roux', 'merci à [nom]'],
    ['Avec Nadia, tout est plus simple.', 'Avec [nom], tout est plus simple.'],
    ['Roux a dit oui', '[nom] a dit oui'],
    ['INES MOREL et Ines Morel', '[nom] et [nom]'],
    ['L’avis d’Inès compte', 'L’avis d’[nom] compte'],
    ['le vélo de Ine\u0300s', 'le vélo de [nom]'],
    ['La Mairie de Crest soutient le projet.', 'La [nom] soutient le projet.'],
    ['Oechsner de Coninck', '[nom]'],
    ['alice oechsner de coninck', '[nom]'],
  ])('%j → %j', (input, expected) => {
    expect(maskVerbatim(input, known).text).toBe(expected);
  });

  it.each([
    'un pull brun et des cheveux roux',
    'la mairie nous prête une salle à Crest',
    'Ferrandière est un mot inventé',
  ])('leaves common words and institutions that only share a word: %j', (input) => {
    expect(maskVerbatim(input, known).masked).toBe(false);
  });

  it('accepts the names as a plain list too', () => {
    expect(maskVerbatim('Merci Zébulon Tartempion !', ['Zébulon Tartempion']).text).toBe('Merci [nom] !');
  });
});

describe('maskVerbatim: heuristics', () => {
  it.each([
    ['J’en ai parlé à M. Dupont.', 'J’en ai parlé à M. [nom].'],
    ['Mme Lefebvre-Garnier est venue', 'Mme [nom] est venue'],
    ['madame Michu et Monsieur Le Goff', 'madame [nom] et Monsieur [nom]'],
    ['Mlle Zoulikha', 'Mlle [nom]'],
    ['Le Dr Benhamou', 'Le Dr [nom]'],
    ['je m’appelle fatima et j’aime venir', 'je m’appelle [nom] et j’aime venir'],
    ["Bonjour, je m'appelle Yanis Belkacem.", "Bonjour, je m'appelle [nom]."],
    ['Mon prénom est Gwendoline', 'Mon prénom est [nom]'],
    ['moi c’est Tiphaine', 'moi c’est [nom]'],
    ['ma voisine Gwenaëlle m’a parlé du lieu', 'ma voisine [nom] m’a parlé du lieu'],
    ['l’animateur·ice Sacha est top', 'l’animateur·ice [nom] est top'],
    ['le bénévole Jean-Marc répare tout', 'le bénévole [nom] répare tout'],
    ['mon conseiller France Travail', 'mon conseiller France Travail'],
    ['Julie m’a accueillie.', '[nom] m’a accueillie.'],
    ['Merci à Karim et Samia !', 'Merci à [nom] et [nom] !'],
    ['avec Julie Martin au dépôt', 'avec [nom] au dépôt'],
    ['j’ai rencontré Tiphaine Kerbrat au marché', 'j’ai rencontré [nom] au marché'],
    ['Grâce à l’atelier, j’ai appris.', 'Grâce à l’atelier, j’ai appris.'],
    ['Pierre par pierre, on construit.', 'Pierre par pierre, on construit.'],
    ['Claire Dubois est partie.', '[nom] est partie.'],
    ['Je suis venue avec Rose.', 'Je suis venue avec [nom].'],
    ['Les salarié·es en insertion ont organisé la journée.', 'Les salarié·es en insertion ont organisé la journée.'],
    ['On travaille avec France Travail et le Secours Populaire.', 'On travaille avec France Travail et le Secours Populaire.'],
    ['Nous allons à Saint Girons en Ariège.', 'Nous allons à Saint Girons en Ariège.'],
    ['À Noël, la Ressourcerie du Vallon ferme.', 'À Noël, la Ressourcerie du Vallon ferme.'],
    ['je m’appelle comme mon père', 'je m’appelle comme mon père'],
  ])('%j → %j', (input, expected) => {
    expect(maskVerbatim(input).text).toBe(expected);
  });

  it('masks everything at once and counts what it found', () => {
    const result = maskVerbatim('Quand je suis arrivée, Samia m’a donné son 06 12 34 56 78 et samia.b@free.fr.');
    expect(result).toEqual({
      text: 'Quand je suis arrivée, [nom] m’a donné son [téléphone] et [e-mail].',
      masked: true,
      found: { name: 1, email: 1, phone: 1 },
    });
  });

  it('reads decomposed accents and typographic apostrophes as their composed forms', () => {
    expect(maskVerbatim('Le ve\u0301lo d’E\u0301lodie').text).toBe('Le vélo d’[nom]');
  });
});

describe('maskVerbatim: properties', () => {
  const fragments = [
    'Julie', 'Martin', 'Nadia Roux', 'M.', 'Mme', 'ma voisine', 'je m’appelle', 'la Ressourcerie', 'France Travail', '06 12 34 56 78',
    '+33 6 12 34 56 78', 'a.b@c.fr', '212 tonnes', 'en 2024', '.', ',', '!', '\n', '«', '»', 'Grâce à', 'salarié·es', 'Pierre', 'pierre',
    'Inès', 'Ine\u0300s', 'l’atelier', '[nom]', '[téléphone]', '[e-mail]', 'Bonjour', 'de', 'Coninck', 'avec Tiphaine Kerbrat', 'Mme Le Goff',
  ];
  const text = fc.array(fc.constantFrom(...fragments), { maxLength: 14 }).map((parts) => parts.join(' '));
  const known = prepareKnownNames(['Nadia Roux', 'Alice Oechsner de Coninck']);

  it('is idempotent: masking a masked text changes nothing', () => {
    fc.assert(
      fc.property(text, (input) => {
        const once = maskVerbatim(input, known);
        expect(maskVerbatim(once.text, known)).toEqual({ text: once.text, masked: false, found: { name: 0, email: 0, phone: 0 } });
      }),
      { numRuns: 1000 },
    );
  });

  it('never leaves an address, a phone number or a known name behind', () => {
    fc.assert(
      fc.property(text, (input) => {
        const out = maskVerbatim(input, known).text;
        expect(out).not.toMatch(/@/);
        expect(out).not.toMatch(/0[1-9]( ?\d\d){4}/);
        expect(out).not.toMatch(/\+33/);
        expect(foldText(out)).not.toContain('nadia roux');
        expect(out).not.toMatch(/Julie|Tiphaine|Kerbrat|Goff|Roux|Coninck|Inès|Ine\u0300s/u);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('foldText and localiseMaskTokens', () => {
  it.each([
    ['Élodie', 'elodie'],
    ['E\u0301LODIE', 'elodie'],
    ['Sœur  Anne', 'soeur anne'],
    ['L’atelier', "l'atelier"],
    ['salarié·es', 'salarie·es'],
  ])('folds %j to %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('shows the French tokens in English on English screens', () => {
    expect(localiseMaskTokens('[nom] : [téléphone], [e-mail]', 'en')).toBe('[name] : [phone], [e-mail]');
    expect(localiseMaskTokens('[nom]', 'fr')).toBe('[nom]');
  });
});
