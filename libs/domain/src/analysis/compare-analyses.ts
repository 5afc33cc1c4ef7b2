/**
 * Change since the previous evaluation of the same organization (same framework lineage):
 * indicators and dimensions matched by key across versions. What cannot be matched is listed,
 * never guessed: an indicator present on one side only, or whose scores no longer mean the same
 * (another kind, answer format, scoring rule or treatment of "je ne sais pas", as framework-diff
 * defines it), has no delta.
 */
import { rescoreReasons } from '../framework-diff.js';
import type { Indicator } from '../framework.js';
import { analysisPlan } from './analysis-plan.js';
import type { Analysis, AnalysisColumn, AnalysisStructure, Cell, Comparison, Delta, ScoreCell } from './types.js';

/** An evaluation's analysis and the structure it was computed from. */
export interface ComparedEvaluation {
  analysis: Analysis;
  structure: AnalysisStructure;
}

/** The earlier evaluation, with what the comparison says about it. */
export interface PreviousEvaluation extends ComparedEvaluation {
  evaluationId: string;
  title: string;
  /** ISO 8601 */
  closesAt: string;
}

/**
 * Deltas (after − before, in score points) for every column visible and scored on both sides:
 * indicators and dimensions in the order of `after`, columns in the order of `after`'s cells.
 * Only figures already fit to be shown are read, so a comparison withholds at least what either
 * analysis withholds.
 *
 * A dimension is compared like with like: in each column where both of its cells are visible and
 * scored, `before` and `after` are the means of the same indicators (in the dimension now,
 * matched, not rescored, visible and scored in that column on both sides). A dimension that lost
 * or gained indicators is so compared on those it kept, and its before/after may differ from the
 * dimension scores each analysis shows; `unmatched` names the indicators left out.
 */
export function compareAnalyses(before: PreviousEvaluation, after: ComparedEvaluation): Comparison {
  const beforeIndicators = new Map(before.analysis.indicators.map((indicator) => [indicator.key, indicator]));
  const afterKeys = new Set(after.analysis.indicators.map((indicator) => indicator.key));
  const beforeDefinitions = definitions(before.structure);
  const afterDefinitions = definitions(after.structure);

  const indicators: Delta[] = [];
  const rescored: string[] = [];
  for (const current of after.analysis.indicators) {
    const old = beforeIndicators.get(current.key);
    if (!old) continue;
    const oldDefinition = beforeDefinitions.get(current.key);
    const currentDefinition = afterDefinitions.get(current.key);
    if (!oldDefinition || !currentDefinition || rescoreReasons(oldDefinition, currentDefinition).length > 0) {
      rescored.push(current.key);
      continue;
    }
    indicators.push(...deltas(current.key, old.cells, current.cells));
  }

  const beforeDimensions = new Map(before.analysis.dimensions.map((dimension) => [dimension.key, dimension]));
  const unmatched = new Set(rescored);
  const dimensions = after.analysis.dimensions.flatMap((current) => {
    const old = beforeDimensions.get(current.key);
    if (!old) return [];
    const comparable = after.analysis.indicators.flatMap((indicator) => {
      const previous = beforeIndicators.get(indicator.key);
      return indicator.dimensionKey === current.key && indicator.scored && previous && !unmatched.has(indicator.key) ? [{ previous, indicator }] : [];
    });
    const found: Delta[] = [];
    for (const column of Object.keys(current.cells) as AnalysisColumn[]) {
      if (scoreOf(old.cells[column]) === null || scoreOf(current.cells[column]) === null) continue;
      const pairs = comparable.flatMap(({ previous, indicator }) => {
        const was = scoreOf(previous.cells[column]);
        const is = scoreOf(indicator.cells[column]);
        return was !== null && is !== null ? [[was, is] as const] : [];
      });
      if (pairs.length === 0) continue;
      const was = pairs.reduce((sum, [value]) => sum + value, 0) / pairs.length;
      const is = pairs.reduce((sum, [, value]) => sum + value, 0) / pairs.length;
      found.push({ key: current.key, column, before: was, after: is, delta: is - was });
    }
    return found;
  });

  return {
    previous: { evaluationId: before.evaluationId, title: before.title, closesAt: before.closesAt },
    indicators,
    dimensions,
    unmatched: {
      onlyBefore: before.analysis.indicators.filter((indicator) => !afterKeys.has(indicator.key)).map((indicator) => indicator.key),
      onlyAfter: after.analysis.indicators.filter((indicator) => !beforeIndicators.has(indicator.key)).map((indicator) => indicator.key),
      rescored,
    },
  };
}

function definitions(structure: AnalysisStructure): Map<string, Indicator> {
  return new Map(analysisPlan(structure).indicators.map((planned) => [planned.indicator.key, planned.indicator]));
}

function deltas(key: string, before: Partial<Record<AnalysisColumn, Cell>>, after: Partial<Record<AnalysisColumn, Cell>>): Delta[] {
  const found: Delta[] = [];
  for (const column of Object.keys(after) as AnalysisColumn[]) {
    const was = scoreOf(before[column]);
    const is = scoreOf(after[column]);
    if (was !== null && is !== null) found.push({ key, column, before: was, after: is, delta: is - was });
  }
  return found;
}

function scoreOf(cell: Cell | ScoreCell | undefined): number | null {
  return cell && !cell.suppressed ? cell.score : null;
}
