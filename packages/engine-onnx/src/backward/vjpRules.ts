import { activationRules } from './rules/activationRules.js';
import { concatRules } from './rules/concatRules.js';
import { convRules } from './rules/convRules.js';
import { elementwiseRules } from './rules/elementwiseRules.js';
import { matmulRules } from './rules/matmulRules.js';
import { normalizationRules } from './rules/normalizationRules.js';
import { padRules } from './rules/padRules.js';
import { poolRules } from './rules/poolRules.js';
import { reduceRules } from './rules/reduceRules.js';
import { shapeRules } from './rules/shapeRules.js';
import { softmaxRules } from './rules/softmaxRules.js';
import type { VjpRule } from './VjpRule.js';

/**
 * The registered vector-Jacobian rules, an explicit list (as tfjs registers its kernels): one file
 * per family under `rules/`. An op of the default domain on the way back without an entry here is
 * refused by name.
 */
export const VJP_RULES: readonly VjpRule[] = [
  ...convRules,
  ...poolRules,
  ...reduceRules,
  ...normalizationRules,
  ...elementwiseRules,
  ...concatRules,
  ...padRules,
  ...shapeRules,
  ...matmulRules,
  ...activationRules,
  ...softmaxRules,
];

/** op type → rule. */
export function ruleTable(rules: readonly VjpRule[] = VJP_RULES): Map<string, VjpRule> {
  const table = new Map<string, VjpRule>();
  for (const rule of rules) for (const op of rule.ops) table.set(op, rule);
  return table;
}
