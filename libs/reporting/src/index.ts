/**
 * Reporting: a report model → a designed PDF (pdfkit, vector charts, embedded Inter and Source
 * Serif 4). Pure: no Nest, no database, nothing fetched; the same model gives the same bytes.
 * Test support (a realistic model) is in `fixtures/report-model.fixture.ts`, not exported here.
 */
export * from './report-model.js';
export { createReportDocument, renderReport, type RenderOptions, type RenderedReport } from './render-report.js';
