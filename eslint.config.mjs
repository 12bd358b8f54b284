// ESLint for src/, bench/, ui-tests/tests and ui-tests/packaged: typescript-eslint, react-hooks, and the layer rules
// of CONTRIBUTING.md ("Layers"): the engine (src/service) knows nothing of JupyterLab or the DOM,
// and the UI reaches S3 only through models. `make lint` runs it with prettier, stylelint and ruff.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Pure engine modules the UI may import for values (the rest of src/service only as types). */
const PURE_SERVICE_MODULES = [
  'uri',
  'archive-names',
  'error-class',
  'errors',
  'format',
  'formats/bytes',
  'formats/text-decode',
  'formats/arrow-type-name',
  'metadata',
  'values/header',
  'diff/table-kind',
  'diff/json-format',
  'diff/table-format',
  'diff/table-chunks',
  'diff/table-message',
  'snapshots/progress-report',
  'snapshots/snippet',
  'version-snippet',
  'pins/pin-lock',
  'snapshots/statuses',
  'search/schema'
];

/** In plugins and widgets: value imports of the engine beyond its pure modules (types are fine). */
const NO_ENGINE_REQUESTS = {
  regex: `(^|/)service(/(?!(${PURE_SERVICE_MODULES.join('|')})$).*)?$`,
  allowTypeImports: true,
  message:
    'Plugins and widgets do not call the engine: add a method to a model (src/models) and call that. Pure helpers allowed here are listed in eslint.config.mjs.'
};

/** In plugins and widgets: the AWS SDK (types are fine). */
const NO_AWS_SDK = {
  group: ['@aws-sdk/*', '@smithy/*'],
  allowTypeImports: true,
  message: 'No S3 from plugins or widgets: models own every request.'
};

const UI_FRAMEWORKS = ['@jupyterlab/*', '@lumino/*', 'react', 'react-dom', 'react/*', 'react-dom/*'];

/** `import('…/service…')` outside models/engine.ts: the engine is loaded in one place. */
const LAZY_ENGINE = {
  selector: 'ImportExpression[source.value=/(^|\\/)service(\\/|$)/]',
  message: 'Load the engine through src/models/engine.ts (one lazy loader), not with import() here.'
};

export default tseslint.config(
  {
    ignores: [
      'lib/**',
      'dist/**',
      'node_modules/**',
      'jupyterlab_helium/**',
      'ui-tests/node_modules/**',
      'ui-tests/test-results/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-namespace': 'off', // JupyterLab's style: CommandIDs, Private namespaces
      eqeqeq: ['error', 'smart'],
      // Keys with control characters are first-class here: the code matches them on purpose.
      'no-control-regex': 'off',
      'no-restricted-syntax': ['error', LAZY_ENGINE]
    }
  },
  {
    // The engine: no JupyterLab, Lumino or React, nothing from the UI folders.
    files: ['src/service/**/*.ts'],
    ignores: ['src/service/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: UI_FRAMEWORKS, message: 'src/service is the engine: it runs in Node too, so no JupyterLab, Lumino or React.' },
            {
              group: [
                '**/models/**',
                '**/models',
                '**/widgets/**',
                '**/plugins/**',
                '**/drive/**',
                '**/cli/**',
                '**/workers/**',
                '**/tokens',
                '**/testing/**'
              ],
              message: 'src/service imports only src/service: the UI and the CLI sit on it, not the other way round.'
            }
          ]
        }
      ]
    }
  },
  {
    // The CLI: Node only, on the engine.
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: UI_FRAMEWORKS, message: 'The CLI runs in Node: no JupyterLab, Lumino or React.' },
            {
              group: ['**/models/**', '**/widgets/**', '**/plugins/**', '**/drive/**', '**/tokens'],
              message: 'The CLI sits on src/service only.'
            }
          ]
        }
      ]
    }
  },
  {
    // Models and the drive own the UI's requests; they never import views or plugins.
    files: ['src/models/**/*.ts', 'src/drive/**/*.ts'],
    ignores: ['**/*.spec.ts', 'src/models/engine.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/widgets/**', '**/widgets', '**/plugins/**'], message: 'Models do not know their views or plugins.' },
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              allowTypeImports: true,
              message: 'Models call the engine (src/service), not the AWS SDK.'
            }
          ]
        }
      ]
    }
  },
  {
    // Plugins wire and widgets render: no S3, no engine requests, only pure engine helpers.
    files: ['src/plugins/**/*.{ts,tsx}'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_ENGINE_REQUESTS, NO_AWS_SDK] }] }
  },
  {
    files: ['src/widgets/**/*.{ts,tsx}'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_ENGINE_REQUESTS,
            NO_AWS_SDK,
            { group: ['**/plugins/**', '**/plugins'], message: 'Widgets render models; plugins wire them, not the other way round.' }
          ]
        }
      ]
    }
  },
  {
    // The one lazy loader of the engine.
    files: ['src/models/engine.ts'],
    rules: { 'no-restricted-syntax': 'off' }
  },
  {
    // Tests, test helpers, benchmarks and workers may reach anything.
    files: ['**/*.spec.ts', '**/*.spec.tsx', 'src/testing/**', 'bench/**', 'ui-tests/**', 'src/workers/**'],
    rules: {
      'no-restricted-syntax': 'off',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // src/testing/moto.js is CommonJS, shared with jest's global setup, so specs require() it.
      '@typescript-eslint/no-require-imports': 'off'
    }
  },
  prettier
);
