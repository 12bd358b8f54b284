import { notebookDiffText } from './notebook-diff-text';

/** A notebook's text, nbformat 4.5. */
const notebook = (cells: Record<string, unknown>[], metadata: Record<string, unknown> = {}) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells });

const load = {
  id: 'a1',
  cell_type: 'code',
  source: "import pandas as pd\ndf = pd.read_csv('x.csv')\n",
  metadata: {},
  outputs: [{ output_type: 'stream', name: 'stdout', text: '10 rows\n' }],
  execution_count: 1
};
const title = { id: 'b2', cell_type: 'markdown', source: '# Title', metadata: {} };
const names: [string, string] = ['left.ipynb', 'right.ipynb'];

it('prints each changed cell: its source as a line diff, its outputs, and added cells', () => {
  const changed = {
    ...load,
    source: "import pandas as pd\ndf = pd.read_csv('y.csv')\n",
    outputs: [{ output_type: 'stream', name: 'stdout', text: '12 rows\n' }],
    execution_count: 7
  };
  const plot = {
    id: 'c3',
    cell_type: 'code',
    source: 'df.plot()',
    metadata: {},
    outputs: [{ output_type: 'display_data', data: { 'image/png': 'iVBOR' }, metadata: {} }],
    execution_count: 2
  };
  expect(notebookDiffText(notebook([load, title]), notebook([changed, title, plot], { kernelspec: { name: 'python3' } }), names)).toBe(
    [
      '--- left.ipynb',
      '+++ right.ipynb',
      'cells: 1 modified, 1 added, 0 removed, 1 unchanged (matched by id)',
      '## cell 1 (code, id a1) modified',
      '   import pandas as pd',
      "  -df = pd.read_csv('x.csv')",
      "  +df = pd.read_csv('y.csv')",
      '  output 1 (stream stdout) changed',
      '    -10 rows',
      '    +12 rows',
      '## cell 3 (code, id c3) added',
      '  +df.plot()',
      '  output 1 (display_data) added: image added',
      '## notebook metadata',
      '  +$.kernelspec: {"name":"python3"}',
      ''
    ].join('\n')
  );
});

it('says when only execution counts changed, and names removed and moved cells', () => {
  const rerun = notebookDiffText(notebook([load, title]), notebook([{ ...load, execution_count: 9 }, title]), names);
  expect(rerun).toContain('No differences in sources, outputs or metadata');
  const reordered = notebookDiffText(notebook([load, title]), notebook([title]), names);
  expect(reordered).toContain('## cell 1 (code, id a1) removed');
  expect(reordered).toContain("  -df = pd.read_csv('x.csv')");
});

it('refuses a side that is not a notebook, so the caller can fall back to a line diff', () => {
  expect(() => notebookDiffText('{"cells": 3', notebook([]), names)).toThrow();
});
