import { describe, expect, it } from '@jest/globals';
import type { StakeholderGroupKey } from '../stakeholder-group.js';
import { exemptFromK, suppressFamily, type SuppressionRules } from './suppression.js';

type Shown = 'shown' | 'under-k' | 'complementary';

function rules(change: Partial<{ k: number; underK: StakeholderGroupKey[]; exempt: StakeholderGroupKey[] }> = {}): SuppressionRules {
  return { k: change.k ?? 5, underK: new Set(change.underK ?? []), exempt: new Set(change.exempt ?? []) };
}

/** The family's outcome as plain words: per row, each group then 'all'. */
function outcome(rows: Array<Partial<Record<StakeholderGroupKey, number>>>, given: SuppressionRules): Array<Record<string, Shown>> {
  const result = suppressFamily(
    rows.map((row) => new Map(Object.entries(row) as Array<[StakeholderGroupKey, number]>)),
    given,
  );
  return result.map((row) => ({
    ...Object.fromEntries([...row.groups].map(([group, cell]) => [group, cell ? cell.reason : 'shown'])),
    all: row.all ? row.all.reason : 'shown',
  }));
}

describe('suppressFamily', () => {
  it.each<[string, Array<Partial<Record<StakeholderGroupKey, number>>>, SuppressionRules, Array<Record<string, Shown>>]>([
    ['shows every cell of k respondents or more', [{ staff: 5, volunteers: 7 }], rules(), [{ staff: 'shown', volunteers: 'shown', all: 'shown' }]],
    [
      'withholds a cell under k, and the next smallest so that "all" cannot give it away',
      [{ staff: 12, volunteers: 6, board: 3 }],
      rules(),
      [{ staff: 'shown', volunteers: 'complementary', board: 'under-k', all: 'shown' }],
    ],
    [
      'withholds nothing more when the withheld cells already hold k respondents',
      [{ staff: 12, volunteers: 3, board: 3 }],
      rules(),
      [{ staff: 'shown', volunteers: 'under-k', board: 'under-k', all: 'shown' }],
    ],
    [
      'breaks ties between equal cells in the display order of groups',
      [{ staff: 6, volunteers: 6, board: 2 }],
      rules(),
      [{ staff: 'complementary', volunteers: 'shown', board: 'under-k', all: 'shown' }],
    ],
    [
      'withholds "all" when no group is left to withhold',
      [{ staff: 2, volunteers: 2 }],
      rules(),
      [{ staff: 'under-k', volunteers: 'under-k', all: 'under-k' }],
    ],
    [
      'withholds "all" when the only other group is withheld and the exempt self-assessment is all that is left',
      [{ self_assessment: 1, staff: 3 }],
      rules({ exempt: ['self_assessment'] }),
      [{ self_assessment: 'shown', staff: 'under-k', all: 'under-k' }],
    ],
    [
      'withholds every cell of a group under k, whatever its n',
      [{ staff: 8, volunteers: 0, board: 9 }],
      rules({ underK: ['volunteers'] }),
      [{ staff: 'shown', volunteers: 'under-k', board: 'shown', all: 'shown' }],
    ],
    [
      'does not withhold more for a withheld cell with no respondent',
      [{ staff: 8, volunteers: 0 }],
      rules(),
      [{ staff: 'shown', volunteers: 'under-k', all: 'shown' }],
    ],
    [
      'shows the exempt self-assessment of one submission, and never withholds it to make up the total',
      [{ self_assessment: 1, staff: 9, volunteers: 2 }],
      rules({ exempt: ['self_assessment'] }),
      [{ self_assessment: 'shown', staff: 'complementary', volunteers: 'under-k', all: 'shown' }],
    ],
    [
      'withholds "all" of a row holding only the exempt self-assessment, and no more',
      [{ self_assessment: 1, staff: 9, volunteers: 7 }, { self_assessment: 1 }, { staff: 9, volunteers: 7 }],
      rules({ exempt: ['self_assessment'] }),
      [
        { self_assessment: 'shown', staff: 'shown', volunteers: 'shown', all: 'shown' },
        { self_assessment: 'shown', all: 'under-k' },
        { staff: 'shown', volunteers: 'shown', all: 'shown' },
      ],
    ],
    [
      'withholds a group in every row of a family when one of its cells is under k (an indicator and its two questions)',
      [
        { staff: 10, volunteers: 8, board: 9 },
        { staff: 10, volunteers: 8, board: 9 },
        { staff: 3, volunteers: 6 },
      ],
      rules(),
      [
        { staff: 'complementary', volunteers: 'complementary', board: 'shown', all: 'shown' },
        { staff: 'complementary', volunteers: 'complementary', board: 'shown', all: 'shown' },
        { staff: 'under-k', volunteers: 'complementary', all: 'shown' },
      ],
    ],
    [
      'withholds "all" in every row of a family when one row needs it',
      [
        { staff: 10, volunteers: 2 },
        { staff: 10 },
        { volunteers: 2 },
      ],
      rules(),
      [
        { staff: 'complementary', volunteers: 'under-k', all: 'complementary' },
        { staff: 'complementary', all: 'complementary' },
        { volunteers: 'under-k', all: 'under-k' },
      ],
    ],
  ])('%s', (_name, rows, given, expected) => {
    expect(outcome(rows, given)).toEqual(expected);
  });
});

describe('exemptFromK', () => {
  it.each<[StakeholderGroupKey, 'anonymous' | 'confidential' | 'named', boolean]>([
    ['self_assessment', 'confidential', true],
    ['self_assessment', 'named', true],
    ['self_assessment', 'anonymous', false],
    ['partners', 'named', false],
    ['staff', 'confidential', false],
  ])('%s answering as %s: exempt %s', (groupKey, anonymity, expected) => {
    expect(exemptFromK({ groupKey, anonymity })).toBe(expected);
  });
});
