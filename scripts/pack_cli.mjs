#!/usr/bin/env node
/**
 * Pack the `helium` command line as its own npm package (packages/cli): a tarball with one
 * self-contained script, a `helium` bin and no dependencies, for `npm install -g`.
 *
 *   node scripts/pack_cli.mjs [--out release]     # `npm run pack:cli`, run by `make dist`
 *
 * packages/cli/package.json holds what is the CLI's own (name, bin, files, engines); the version,
 * license and author come from the repository's package.json, the one place versions are set, so
 * the npm package, the wheel and `helium --version` agree. The package is staged in a temporary
 * folder (nothing generated is written into packages/cli) with the bundle that the wheel ships,
 * jupyterlab_helium/cli/helium.cjs and its sqlite-wasm/ (`npm run build:cli:package`), and packed
 * from there.
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = resolve(root, outIndex >= 0 ? args[outIndex + 1] : 'release');
const bundle = join(root, 'jupyterlab_helium', 'cli', 'helium.cjs');

const main = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const own = JSON.parse(await readFile(join(root, 'packages', 'cli', 'package.json'), 'utf8'));
const manifest = {
  name: own.name,
  version: main.version,
  ...own,
  // Not 'jupyterlab-extension': JupyterLab's extension manager lists packages by that keyword.
  keywords: [...main.keywords.filter(k => k !== 'jupyterlab-extension'), 'cli'],
  license: main.license,
  author: main.author
};

const stage = await mkdtemp(join(tmpdir(), 'helium-cli-pack-'));
try {
  await writeFile(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  await copyFile(join(root, 'packages', 'cli', 'README.md'), join(stage, 'README.md'));
  await copyFile(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  await copyFile(bundle, join(stage, 'helium.cjs')).catch(err => {
    throw new Error(`${bundle} is missing (run \`npm run build:cli:package\` first): ${err.message}`);
  });
  await chmod(join(stage, 'helium.cjs'), 0o755);
  await cp(join(dirname(bundle), 'sqlite-wasm'), join(stage, 'sqlite-wasm'), { recursive: true });
  await cp(join(dirname(bundle), 'parquet-wasm'), join(stage, 'parquet-wasm'), { recursive: true });
  await mkdir(outDir, { recursive: true });
  // --ignore-scripts: the staged package has none, and npm must not look for the repository's.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', outDir, '--loglevel=error'], {
    cwd: stage,
    encoding: 'utf8'
  });
  console.log(`packed ${join(outDir, out.trim().split('\n').pop())}`);
} finally {
  await rm(stage, { recursive: true, force: true });
}
