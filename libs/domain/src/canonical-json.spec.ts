import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { picker, reorderKeys } from './fixtures/json-edit.js';
import { sampleFramework } from './fixtures/sample-framework.js';
import { contentHash } from './framework-version.js';

describe('canonicalJson', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [true, 'true'],
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [0.1, '0.1'],
    ['é·\u202f"\n', '"é·\u202f\\"\\n"'],
    [[3, 1, 2], '[3,1,2]'],
    [{ b: 1, a: [{ d: 1, c: 2 }], é: 0, B: 2 }, '{"B":2,"a":[{"c":2,"d":1}],"b":1,"é":0}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [{}, '{}'],
  ])('writes %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a date', new Date(0)],
    ['a function', () => 1],
    ['undefined in a list', [undefined]],
    ['a bigint', 1n],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('is the same text whatever the key order, and parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (value, seeds) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reorderKeys(value, picker(seeds)))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('sha256Hex', () => {
  it.each<[string, string]>([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['é·', 'f55e1301e9c224c9bb485447449b79d2500869921af6903b63a254810b30d8e1'],
  ])('hashes the UTF-8 bytes of %j', async (text, expected) => {
    await expect(sha256Hex(text)).resolves.toBe(expected);
  });
});

describe('contentHash', () => {
  it('is a 64-character hex sha256', async () => {
    await expect(contentHash(sampleFramework)).resolves.toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change when keys are reordered', async () => {
    const reference = await contentHash(sampleFramework);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), async (seeds) => {
        const shuffled = reorderKeys(sampleFramework, picker(seeds));
        expect(await contentHash(shuffled)).toBe(reference);
      }),
      { numRuns: 50 },
    );
  });

  it('changes when one character of one wording changes', async () => {
    const changed = structuredClone(sampleFramework);
    changed.dimensions[0].criteria[0].indicators[0].questions[0].wording.staff = { fr: 'Dans la structure, mon avis est écouté !' };
    expect(await contentHash(changed)).not.toBe(await contentHash(sampleFramework));
  });
});
