/**
 * Crossed perspectives ("regards croisés"): the organization's view of itself (the
 * self-assessment) set beside each other group's view, indicator by indicator and dimension by
 * dimension, from visible figures only.
 */
import type { StakeholderGroupKey } from '../stakeholder-group.js';
import type { CrossedPerspectives, DimensionAnalysis, Gap, IndicatorAnalysis, ScoreCell, Cell } from './types.js';

const SELF: StakeholderGroupKey = 'self_assessment';
const LISTED = 5;

/**
 * The gaps (group − self, in score points) wherever both cells are visible and scored: first every
 * indicator (in analysis order, groups in display order within each), then every dimension.
 *
 * Convergences and divergences are drawn from the indicator gaps: they name what to discuss, and
 * a dimension's gap is an average of its indicators' (listing both would say the same thing
 * twice). Convergences are the smallest |gap| first, divergences the largest first, at most 5
 * each; with fewer than 10 gaps they share them (the smaller half to convergences, the middle one
 * included), so no gap is listed as both. Ties keep analysis order.
 */
export function crossedPerspectives(
  indicators: readonly IndicatorAnalysis[],
  dimensions: readonly DimensionAnalysis[],
  groups: readonly StakeholderGroupKey[],
): CrossedPerspectives {
  const others = groups.filter((group) => group !== SELF);
  const indicatorGaps: Gap[] = [];
  for (const indicator of indicators) {
    if (!indicator.scored) continue;
    for (const group of others) {
      const gap = gapOf(indicator.cells[SELF], indicator.cells[group], group, 'indicator', indicator.key);
      if (gap) indicatorGaps.push(gap);
    }
  }
  const dimensionGaps: Gap[] = [];
  for (const dimension of dimensions) {
    for (const group of others) {
      const gap = gapOf(dimension.cells[SELF], dimension.cells[group], group, 'dimension', dimension.key);
      if (gap) dimensionGaps.push(gap);
    }
  }
  const available =
    indicators.some((indicator) => scoreOf(indicator.cells[SELF]) !== null) || dimensions.some((dimension) => scoreOf(dimension.cells[SELF]) !== null);

  // Stable sorts: equal |gap| keep analysis order.
  const ascending = [...indicatorGaps].sort((a, b) => Math.abs(a.gap) - Math.abs(b.gap));
  const convergent = Math.min(LISTED, Math.ceil(ascending.length / 2));
  const descending = ascending.slice(convergent).sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap));
  return {
    available,
    gaps: [...indicatorGaps, ...dimensionGaps],
    convergences: ascending.slice(0, convergent),
    divergences: descending.slice(0, LISTED),
  };
}

function gapOf(
  selfCell: Cell | ScoreCell | undefined,
  groupCell: Cell | ScoreCell | undefined,
  groupKey: StakeholderGroupKey,
  level: Gap['level'],
  key: string,
): Gap | null {
  const self = scoreOf(selfCell);
  const group = scoreOf(groupCell);
  if (self === null || group === null) return null;
  return { groupKey, level, key, self, group, gap: group - self };
}

function scoreOf(cell: Cell | ScoreCell | undefined): number | null {
  return cell && !cell.suppressed ? cell.score : null;
}
