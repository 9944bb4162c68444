// dependency-cruiser config: the import structure the house rules describe, checked by `npm run deps`
// (part of `npm test`). Every rule is an error. Type-only imports count: a cycle through `import type`
// still ties two files together, so it is fixed like any other (shared types move to a small file both import).

/** Paths of npm packages once resolved. */
const NPM = '^node_modules/';
/** Unit tests sit beside production code and may use the test kits and the simulators. */
const UNIT_TEST = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles (type-only imports included): move what both files need to a small file both import.',
      from: { path: '^(electron|renderer|shared|tools|bench)/' },
      to: { circular: true },
    },
    {
      name: 'production-not-to-test-kits',
      severity: 'error',
      comment:
        'Production code (electron/, renderer/, shared/) never imports test/, tools/ or bench/; unit tests beside it may.',
      from: { path: '^(electron|renderer|shared)/', pathNot: UNIT_TEST },
      to: { path: '^(test|tools|bench)/' },
    },
    {
      name: 'shared-only-shared',
      severity: 'error',
      comment: 'shared/ runs in every process (renderer included): it imports only shared/ and npm packages.',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', NPM] },
    },
    {
      name: 'renderer-only-renderer-and-shared',
      severity: 'error',
      comment:
        'The renderer talks to the rest only through window.api: it imports renderer/, shared/ and npm packages.',
      from: { path: '^renderer/', pathNot: UNIT_TEST },
      to: { pathNot: ['^renderer/', '^shared/', NPM] },
    },
    {
      name: 'renderer-tests-only-renderer-shared-and-fixtures',
      severity: 'error',
      comment:
        "The renderer's unit tests run what the renderer runs: they import renderer/, shared/, npm packages and the plain data builders of test/support/jobs/ (never a simulator or a core).",
      from: { path: `^renderer/.*${UNIT_TEST}` },
      to: { pathNot: ['^renderer/', '^shared/', '^test/support/jobs/job-item\\.ts$', NPM] },
    },
    {
      name: 'core-not-to-shells',
      severity: 'error',
      comment:
        'electron/core/ is plain TypeScript under the shells: it never imports electron/main, host, cli, preload or renderer/.',
      from: { path: '^electron/core/' },
      to: { path: '^(electron/(main|host|cli|preload)|renderer)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import must resolve to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist|test-results|playwright-report)/' },
    // Count `import type` too: the type checker reads those files, so they are real dependencies.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
