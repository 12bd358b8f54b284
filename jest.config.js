/**
 * Jest configuration for jupyterlab-helium.
 *
 * Based on @jupyterlab/testutils' config, with three changes that matter:
 * - `transformIgnorePatterns` MERGES the base list of ESM-only packages with ours (replacing it
 *   breaks runtime imports of @jupyterlab/apputils and @jupyterlab/ui-components);
 * - tests are `src/**\/*.spec.ts(x)`, compiled by ts-jest without type checking (`tsc` does that);
 * - a global setup starts a local moto S3 server for the integration tests of src/service
 *   (or uses HELIUM_TEST_S3_URL when it is set) and exposes its URL as HELIUM_TEST_S3_URL.
 */
const path = require('path');
const jestJupyterLab = require('@jupyterlab/testutils/lib/jest-config');

const base = jestJupyterLab(__dirname);

/** ESM-only packages this project adds to the base list (they must be transformed by babel). */
const ourEsModules = ['hyparquet', 'hyparquet-compressors', 'hysnappy', 'parquet-wasm', '@jupyterlab/docmanager'];

/** The package names the base config lets babel transform, read back from its pattern. */
function baseEsModules() {
  const names = [];
  for (const pattern of base.transformIgnorePatterns || []) {
    const match = /\(\?!\((.*)\)\)|\(\?!(.*)\)/.exec(pattern);
    const list = match && (match[1] || match[2]);
    if (list) {
      names.push(...list.replace(/\)\.\+$/, '').split('|'));
    }
  }
  return names;
}

const esModules = [...new Set([...baseEsModules(), ...ourEsModules])].join('|');

module.exports = {
  ...base,
  rootDir: __dirname,
  testRegex: 'src/.*\\.spec\\.tsx?$',
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/ui-tests/', '/jupyterlab_helium/'],
  modulePathIgnorePatterns: ['<rootDir>/jupyterlab_helium/labextension', '<rootDir>/ui-tests', '<rootDir>/lib', '<rootDir>/.venv'],
  reporters: ['default'],
  transform: {
    ...base.transform,
    '^.+\\.tsx?$': [
      'ts-jest/legacy',
      {
        tsconfig: {
          ...require('./tsconfig.json').compilerOptions,
          composite: false,
          incremental: false,
          declaration: false,
          noEmitOnError: false,
          isolatedModules: true,
          module: 'commonjs'
        },
        diagnostics: false
      }
    ]
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esModules})).+`],
  setupFiles: [...base.setupFiles, path.join(__dirname, 'src/testing/jest-setup.js')],
  globalSetup: path.join(__dirname, 'src/testing/moto-global-setup.js'),
  globalTeardown: path.join(__dirname, 'src/testing/moto-global-teardown.js'),
  testTimeout: 30000
};
