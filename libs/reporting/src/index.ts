export * from './report-model.js';
