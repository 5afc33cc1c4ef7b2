// Three projects: `unit` (pure, beside the code), `api` (end-to-end on a real PostgreSQL),
// `browser` (Chromium journeys). All ESM: NestJS 12 is ESM-only.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      module: { type: 'es6' },
      jsc: {
        target: 'es2023',
        parser: { syntax: 'typescript', decorators: true, tsx: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      },
    },
  ],
};
const common = {
  transform,
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: {
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#domain/(.*)$': '<rootDir>/libs/domain/src/$1.ts',
    '^#reporting$': '<rootDir>/libs/reporting/src/index.ts',
    '^#reporting/(.*)$': '<rootDir>/libs/reporting/src/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  rootDir: '.',
};
export default {
  // Hooks that build a database and boot the app take seconds, not milliseconds.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/test/api/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
