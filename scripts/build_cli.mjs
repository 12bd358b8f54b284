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
 * in a worker thread; src/service/search/sqlite-node.ts looks for `sqlite-wasm/` first).
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
  // Value codecs the CLI never decodes with (they load these lazily); keep the bundle small.
  external: ['apache-arrow', 'parquet-wasm', 'd3-dsv', 'papaparse', 'hyparquet', 'hyparquet-compressors'],
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
if (args.includes('--standalone')) {
  const sqlite = dirname(createRequire(join(root, 'package.json')).resolve('@sqlite.org/sqlite-wasm/package.json'));
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
}
const size = result.outputFiles.find(f => f.path === outfile)?.contents.byteLength ?? 0;
console.log(`built ${outfile} (${(size / 1024).toFixed(0)} KiB)`);
