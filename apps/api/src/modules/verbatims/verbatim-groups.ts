import type { EntityManager } from 'typeorm';
import { STAKEHOLDER_GROUP_KEYS, type AnonymityMode, type StakeholderGroupKey } from '#domain';
import { verbatimsHidden } from './verbatim-rules.js';

/**
 * An evaluation's groups in display order, split by whether their verbatims may be listed: a
 * group with fewer than k counted (submitted, not excluded) submissions is hidden.
 */
export async function verbatimGroups(m: EntityManager, evaluationId: string, k: number): Promise<{ visible: StakeholderGroupKey[]; hidden: StakeholderGroupKey[] }> {
  const participation = await m.query<Array<{ group_key: StakeholderGroupKey; anonymity: AnonymityMode; submitted: number }>>(
    `SELECT g.group_key, g.anonymity, count(s.id)::int AS submitted
       FROM evaluation_group g
       LEFT JOIN submission s ON s.evaluation_id = g.evaluation_id AND s.group_key = g.group_key AND s.status = 'submitted' AND s.excluded_at IS NULL
      WHERE g.evaluation_id = $1
      GROUP BY g.group_key, g.anonymity`,
    [evaluationId],
  );
  const order = (key: StakeholderGroupKey) => STAKEHOLDER_GROUP_KEYS.indexOf(key);
  participation.sort((a, b) => order(a.group_key) - order(b.group_key));
  const isHidden = (g: (typeof participation)[number]) => verbatimsHidden({ groupKey: g.group_key, anonymity: g.anonymity, submitted: g.submitted }, k);
  return {
    visible: participation.filter((g) => !isHidden(g)).map((g) => g.group_key),
    hidden: participation.filter(isHidden).map((g) => g.group_key),
  };
}
