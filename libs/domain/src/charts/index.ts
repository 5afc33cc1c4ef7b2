export * from './chart-spec.js';
export * from './palette.js';
export * from './chart-format.js';
export * from './answer-options.js';
export * from './dashboard-charts.js';
