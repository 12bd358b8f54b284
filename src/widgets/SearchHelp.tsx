/** The query syntax cheat-sheet of the search panel (Quilt's / Elasticsearch `query_string`). */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';

/** Examples and what they find. */
function examples(trans: TranslationBundle): [string, string][] {
  return [
    ['storms', trans.__('a word anywhere: key, metadata, snapshot message')],
    ['ext:.csv', trans.__('by extension')],
    ['key:hurdat\\/*', trans.__('keys starting with hurdat/ (escape /)')],
    ['user_meta.ocean:atlantic', trans.__('a metadata field')],
    ['user_meta.decade:[1990 TO 2010]', trans.__('a range')],
    ['size:>=1000000', trans.__('size in bytes')],
    ['last_modified:[2026-01-01 TO *]', trans.__('modified since')],
    ['_exists_:user_meta.source', trans.__('has a metadata field')],
    ['content:hurricane', trans.__('in the text of files (when the index holds contents)')],
    ['type:snapshot', trans.__('only snapshots')],
    ['a AND (b OR NOT c)', trans.__('combine; * and ? are wildcards')]
  ];
}

/**
 * The cheat-sheet, folded until opened.
 * @param props - translations.
 * @returns the cheat-sheet.
 */
export function SearchHelp(props: { trans: TranslationBundle }): JSX.Element {
  return (
    <details className="jp-helium-search-help">
      <summary>{props.trans.__('Query syntax')}</summary>
      <table>
        <tbody>
          {examples(props.trans).map(([query, what]) => (
            <tr key={query}>
              <td>
                <code>{query}</code>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
