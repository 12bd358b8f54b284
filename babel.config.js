// Babel transforms ESM-only packages under node_modules for jest (see jest.config.js).
module.exports = require('@jupyterlab/testutils/lib/babel.config');
