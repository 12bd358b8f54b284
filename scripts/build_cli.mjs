#!/usr/bin/env node
/**
 * Bundle the `helium` command line (src/cli/main.ts and the src/service engine it uses) into one
 * Node script, dist/helium.cjs. The compiled lib/ is ESM for the browser bundle and cannot run in
 * Node as is; esbuild compiles the TypeScript directly.
 *
 *   node scripts/build_cli.mjs            # build dist/helium.cjs (+ .map)
 *   node scripts/build_cli.mjs --minify   # smaller, for packaging
 *   node scripts/build_cli.mjs --minify --no-map --standalone --out jupyterlab_helium/cli/helium.cjs
 *                                         # the bundle the wheel and the npm package ship
 *                                         # (`npm run build:cli:package`)
 *
 * --standalone copies what the bundle loads from node_modules at run time beside it, for installs
 * that have no node_modules: sqlite-wasm's Node entry and its .wasm (the search index runs them
 * in a worker thread; src/service/search/sqlite-node.ts looks for `sqlite-wasm/` first). It also
 * bundles the value codecs `helium diff` of tables loads (apache-arrow, papaparse, hyparquet, and
 * parquet-wasm's Node build, whose .wasm it reads from `parquet-wasm/` beside the bundle).
 */
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outfile = outIndex >= 0 ? resolve(root, args[outIndex + 1]) : join(root, 'dist', 'helium.cjs');
const standalone = args.includes('--standalone');
const require = createRequire(join(root, 'package.json'));
// parquet-wasm exports no package.json: its Node entry (node/parquet_wasm.js) locates the package.
const parquetWasm = dirname(require.resolve('parquet-wasm'));

/**
 * parquet-wasm's Node build reads `${__dirname}/parquet_wasm_bg.wasm` when first required; in the
 * bundle __dirname is the bundle's folder, so point it at `parquet-wasm/` there (copied below).
 */
const parquetWasmBeside = {
  name: 'parquet-wasm-beside',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /parquet_wasm\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const from = '`${__dirname}/parquet_wasm_bg.wasm`';
      if (!source.includes(from)) {
        throw new Error(`${path} no longer reads ${from}: update scripts/build_cli.mjs`);
      }
      return { contents: source.replace(from, "require('path').join(__dirname, 'parquet-wasm', 'parquet_wasm_bg.wasm')"), loader: 'js' };
    });
  }
};

const result = await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !args.includes('--no-map'),
  minify: args.includes('--minify'),
  banner: { js: '#!/usr/bin/env node' },
  define: { HELIUM_VERSION: JSON.stringify(pkg.version) },
  // Value codecs loaded lazily: only the table diff decodes with some (a checkout loads them from
  // node_modules; --standalone bundles those, above). Keep the bundle small.
  external: standalone ? [] : ['apache-arrow', 'parquet-wasm', 'd3-dsv', 'papaparse', 'hyparquet', 'hyparquet-compressors'],
  plugins: standalone ? [parquetWasmBeside] : [],
  logLevel: 'warning',
  write: false
});

// Write each file under a temporary name, then rename: a concurrent run (two test files
// building at once) never sees a half-written bundle.
await mkdir(dirname(outfile), { recursive: true });
for (const file of result.outputFiles) {
  const temp = `${file.path}.${process.pid}.tmp`;
  await writeFile(temp, file.contents, { mode: file.path.endsWith('.cjs') ? 0o755 : 0o644 });
  await rename(temp, file.path);
}
await chmod(outfile, 0o755);
if (standalone) {
  const sqlite = dirname(require.resolve('@sqlite.org/sqlite-wasm/package.json'));
  const target = join(dirname(outfile), 'sqlite-wasm');
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  // package.json carries its name, version and license (Apache-2.0) along.
  for (const [from, to] of [
    ['dist/node.mjs', 'node.mjs'],
    ['dist/sqlite3.wasm', 'sqlite3.wasm'],
    ['package.json', 'package.json']
  ]) {
    await copyFile(join(sqlite, from), join(target, to));
  }
  // parquet-wasm's .wasm, its package.json (name, version, "MIT OR Apache-2.0") and licences.
  const parquetTarget = join(dirname(outfile), 'parquet-wasm');
  await rm(parquetTarget, { recursive: true, force: true });
  await mkdir(parquetTarget, { recursive: true });
  for (const [from, to] of [
    [join(parquetWasm, 'parquet_wasm_bg.wasm'), 'parquet_wasm_bg.wasm'],
    [join(parquetWasm, '..', 'package.json'), 'package.json'],
    [join(parquetWasm, '..', 'LICENSE_MIT'), 'LICENSE_MIT'],
    [join(parquetWasm, '..', 'LICENSE_APACHE'), 'LICENSE_APACHE']
  ]) {
    await copyFile(from, join(parquetTarget, to));
  }
}
const size = result.outputFiles.find(f => f.path === outfile)?.contents.byteLength ?? 0;
console.log(`built ${outfile} (${(size / 1024).toFixed(0)} KiB)`);
