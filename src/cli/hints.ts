/**
 * The engine words its hints for the JupyterLab panel (refresh the listing, reload, another
 * connection); on the command line the same advice names helium's commands and options.
 */

/** Panel hint (exactly as src/service/error-mapping.ts words it) → the command line's. */
const CLI_HINTS: ReadonlyMap<string, string> = new Map([
  [
    'It may have been deleted or renamed: refresh the listing.',
    'It may have been deleted or renamed: helium ls lists the folder, and helium versions the key’s versions and delete markers.'
  ],
  ['It may have been deleted: refresh the list of versions.', 'It may have been deleted: helium versions lists the versions there are.'],
  [
    "Ask the bucket's owner for access, or use another connection.",
    "Ask the bucket's owner for access, or use other credentials (--profile)."
  ],
  ['Reload, then choose another name or try again.', 'Run the command again, or choose another name.'],
  ['Reload the object to get its current size, then try again.', 'The object changed meanwhile: run the command again.'],
  ['Reload the object, then try again.', 'Run the command again: it reads the new content.'],
  ["Set the connection's region to the bucket's region.", "Give the bucket's region with --region (or AWS_REGION)."],
  [
    'Ask for a restored copy (right-click it in the S3 panel › Restore from Archive…), and try again once the restore is done (minutes to hours; up to 48 hours from Deep Archive).',
    'Ask for a restored copy with helium unarchive, and try again once the restore is done (minutes to hours; up to 48 hours from Deep Archive).'
  ]
]);

/**
 * The engine hints the command line words its own way (for a test that each is still one the
 * engine gives: a reworded engine hint would otherwise reach the terminal naming the panel).
 * @returns the engine's hints.
 */
export function reworded(): string[] {
  return [...CLI_HINTS.keys()];
}

/**
 * The command line's wording of an engine hint.
 * @param hint - the engine's hint.
 * @returns the hint for a terminal (the same one when it names nothing of the panel).
 */
export function cliHint(hint: string): string {
  return CLI_HINTS.get(hint) ?? hint;
}
