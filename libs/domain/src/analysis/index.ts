export * from './types.js';
export * from './analysis-plan.js';
export * from './count-answers.js';
export * from './stats.js';
export * from './suppression.js';
export * from './crossed-perspectives.js';
export * from './analyse.js';
export * from './compare-analyses.js';
