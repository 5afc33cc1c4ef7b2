/**
 * Anonymity suppression: which cells of the analysis are withheld, so that no figure about fewer
 * than k submissions leaves the API, directly or by subtraction.
 *
 * The rules, applied to a *family* of rows that share columns (the stakeholder groups, plus
 * "all", which pools them):
 * 1. Every cell of a group with fewer than k counted submissions is withheld ('under-k').
 * 2. Every cell about fewer than k respondents is withheld ('under-k'); a cell with no respondent
 *    at all is withheld too, though it reveals nothing.
 * 3. Complementary: in every row, the withheld group cells with respondents must together hold at
 *    least k of them, or "all" minus the visible cells would give their pooled figures. While they
 *    hold fewer, the visible group cell with the fewest respondents (ties in display order of
 *    groups) is withheld too ('complementary'); when none is left, "all" is withheld.
 * 4. "All" itself needs k respondents.
 *
 * Why families: an indicator's cell in a group pools the answers of its questions in that group
 * (its counts are their sum), and its "all" pools its questions' "all". If a group were hidden in
 * one question's row but shown in the indicator's and a sibling question's rows, the indicator
 * minus the sibling would give the hidden question's counts. So an indicator and its questions
 * form one family: a group withheld anywhere in it is withheld in all of its rows, and so is "all"
 * when one row needs it withheld. A cell with no respondent does not withhold its group: what it
 * could reveal is that nobody answered. Dimensions have no such sums (their n counts distinct
 * respondents, their scores are means of visible indicator scores): each is a family of one row.
 *
 * Exempt groups: the organization's self-assessment, when it is not anonymous, is the
 * organization speaking about itself (its board, staff and volunteers answering together or in
 * its name), not people to protect from each other, and the whole method ("regards croisés") is
 * to set that view beside every other; it is usually one submission. So its cells are never
 * withheld by k (see `exemptFromK`). Its figures are public, so they neither count in the
 * withheld total of rule 3 nor are withheld to make it up: what "all" minus the visible cells
 * reveals is still only the pooled figures of the withheld groups.
 */
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from '../stakeholder-group.js';
import type { AnonymityMode } from '../evaluation-status.js';
import type { Suppressed } from './types.js';

const SELF_ASSESSMENT: StakeholderGroupKey = 'self_assessment';

export const UNDER_K: Suppressed = Object.freeze({ suppressed: true, reason: 'under-k' });
export const COMPLEMENTARY: Suppressed = Object.freeze({ suppressed: true, reason: 'complementary' });

/**
 * Whether a group's figures are shown whatever their number of respondents: only the
 * self-assessment, and only when it is not anonymous. An anonymous self-assessment means the
 * organization chose to ask its members one by one under anonymity: then k protects them as it
 * protects any group. Named or confidential groups other than the self-assessment are still
 * individuals (testimonies), protected by k.
 */
export function exemptFromK(group: { groupKey: StakeholderGroupKey; anonymity: AnonymityMode }): boolean {
  return group.groupKey === SELF_ASSESSMENT && group.anonymity !== 'anonymous';
}

export interface SuppressionRules {
  /** the anonymity threshold */
  k: number;
  /** groups with fewer than k counted submissions */
  underK: ReadonlySet<StakeholderGroupKey>;
  /** groups whose figures are not protected by k */
  exempt: ReadonlySet<StakeholderGroupKey>;
}

/** One row of a family: the respondents (n) of each of its group cells; "all" is their sum. */
export type SuppressionRow = ReadonlyMap<StakeholderGroupKey, number>;

/** What is withheld in a row: per group cell, and for "all"; null when the cell is shown. */
export interface RowSuppression {
  groups: Map<StakeholderGroupKey, Suppressed | null>;
  all: Suppressed | null;
}

/** Applies the rules to one family of rows (see the top of this file); the result is row for row. */
export function suppressFamily(rows: readonly SuppressionRow[], rules: SuppressionRules): RowSuppression[] {
  const { k, underK, exempt } = rules;
  const protectedGroup = (group: StakeholderGroupKey): boolean => !exempt.has(group);

  const withheld = new Set<StakeholderGroupKey>();
  for (const row of rows) {
    for (const [group, n] of row) {
      if (protectedGroup(group) && (underK.has(group) || (n > 0 && n < k))) withheld.add(group);
    }
  }

  // Withholding a group for one row changes the withheld totals of the others: repeat until every
  // row holds, or "all" is withheld (then no row can be subtracted from). Groups only get added,
  // so this ends.
  let allWithheld = false;
  let changed = true;
  while (changed && !allWithheld) {
    changed = false;
    for (const row of rows) {
      let total = 0;
      for (const [group, n] of row) if (withheld.has(group)) total += n;
      if (total === 0 || total >= k) continue;
      const candidates = [...row]
        .filter(([group, n]) => n > 0 && protectedGroup(group) && !withheld.has(group))
        .sort(([a, n], [b, m]) => n - m || STAKEHOLDER_GROUP_KEYS.indexOf(a) - STAKEHOLDER_GROUP_KEYS.indexOf(b));
      for (const [group, n] of candidates) {
        withheld.add(group);
        changed = true;
        total += n;
        if (total >= k) break;
      }
      if (total < k) {
        allWithheld = true;
        break;
      }
    }
  }

  return rows.map((row) => {
    const groups = new Map<StakeholderGroupKey, Suppressed | null>();
    let total = 0;
    for (const [group, n] of row) {
      total += n;
      if (!protectedGroup(group)) groups.set(group, null);
      else if (underK.has(group) || n < k) groups.set(group, UNDER_K);
      else groups.set(group, withheld.has(group) ? COMPLEMENTARY : null);
    }
    // Below k, "all" is withheld for its own sake. Had it any protected respondent, "all" would
    // already be withheld for the whole family (rule 3 finds nobody left to withhold), so what
    // it holds here is exempt figures only, and withholding it in this row alone gives nothing away.
    const all = total < k ? UNDER_K : allWithheld ? COMPLEMENTARY : null;
    return { groups, all };
  });
}
