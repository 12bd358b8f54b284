/**
 * How well each built-in diff provider fits a key (see `IDiffProvider.rank`): 0 = not at all,
 * 1 the summary, 5 text as a fallback for data files, 10 text, 50+ specific formats.
 */
import { keyExtension, mediaType } from './diff-registry';

/** Extensions of text files the text view compares well. */
const TEXT_EXTENSIONS = new Set([
  'txt',
  'text',
  'md',
  'markdown',
  'rst',
  'adoc',
  'tex',
  'log',
  'py',
  'pyi',
  'ipy',
  'r',
  'rmd',
  'qmd',
  'jl',
  'sql',
  'sh',
  'bash',
  'zsh',
  'fish',
  'ps1',
  'bat',
  'js',
  'mjs',
  'cjs',
  'jsx',
  'ts',
  'tsx',
  'css',
  'scss',
  'less',
  'html',
  'htm',
  'xml',
  'xsl',
  'svg',
  'json',
  'jsonl',
  'ndjson',
  'geojson',
  'yaml',
  'yml',
  'toml',
  'ini',
  'cfg',
  'conf',
  'env',
  'properties',
  'c',
  'h',
  'cc',
  'cpp',
  'hpp',
  'java',
  'kt',
  'scala',
  'go',
  'rs',
  'rb',
  'php',
  'pl',
  'lua',
  'swift',
  'm',
  'dockerfile',
  'makefile',
  'cmake',
  'gradle',
  'graphql',
  'proto',
  'diff',
  'patch',
  'csl',
  'bib'
]);

/** Data files that are text but have better views: text ranks low for them. */
const TEXT_FALLBACK_EXTENSIONS = new Set(['csv', 'tsv', 'psv', 'ipynb']);

/** Extension-less file names that are text. */
const TEXT_NAMES = new Set(['readme', 'license', 'makefile', 'dockerfile', 'changelog', 'notice', 'authors']);

/** Content types (besides text/*) that are text. */
const TEXT_TYPES = new Set([
  'application/json',
  'application/geo+json',
  'application/xml',
  'application/javascript',
  'application/x-yaml',
  'application/yaml',
  'application/toml',
  'application/x-sh',
  'application/sql',
  'application/x-ipynb+json'
]);

/**
 * The text view's rank.
 * @param key - the key.
 * @param contentType - its Content-Type, when known.
 * @returns 10 for text files, 5 for data files that have better views, else 0.
 */
export function textRank(key: string, contentType?: string): number {
  const ext = keyExtension(key);
  if (TEXT_FALLBACK_EXTENSIONS.has(ext)) {
    return 5;
  }
  if (TEXT_EXTENSIONS.has(ext)) {
    return 10;
  }
  const type = mediaType(contentType);
  if (ext === '') {
    const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
    if (TEXT_NAMES.has(name) || type.startsWith('text/') || TEXT_TYPES.has(type)) {
      return 10;
    }
  }
  return 0;
}

/**
 * The JSON view's rank.
 * @param key - the key.
 * @param contentType - its Content-Type, when known.
 * @returns 50 for .json/.geojson and JSON content types, else 0.
 */
export function jsonRank(key: string, contentType?: string): number {
  const ext = keyExtension(key);
  if (ext === 'json' || ext === 'geojson') {
    return 50;
  }
  const type = mediaType(contentType);
  return ext === '' && (type === 'application/json' || type === 'application/geo+json' || type.endsWith('+json')) ? 50 : 0;
}

/**
 * The notebook view's rank.
 * @param key - the key.
 * @returns 60 for .ipynb, else 0.
 */
export function notebookRank(key: string): number {
  return keyExtension(key) === 'ipynb' ? 60 : 0;
}

/** Image extensions and the media type to show them with. */
export const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml'
};

/**
 * The image view's rank.
 * @param key - the key.
 * @returns 50 for png, jpg, jpeg, gif, webp, bmp and svg, else 0.
 */
export function imageRank(key: string): number {
  return Object.prototype.hasOwnProperty.call(IMAGE_TYPES, keyExtension(key)) ? 50 : 0;
}
