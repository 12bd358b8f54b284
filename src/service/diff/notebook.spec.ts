import { isHeliumError } from '../error-class';
import { diffNotebooks, ICellDiff, INotebookJson, parseNotebookSide } from './notebook';
import { longestIncreasing, similarity } from './notebook-match';

/** A notebook as JupyterLab 4 saves it (nbformat 4.5, cell ids, text/image/error outputs). */
const NOTEBOOK = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "a1b2c3d4",
   "metadata": {},
   "source": [
    "# Storms\\n",
    "Wind speeds by year."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "id": "e5f6a7b8",
   "metadata": {
    "execution": {"iopub.execute_input": "2026-03-12T14:02:00.000Z"},
    "tags": []
   },
   "outputs": [],
   "source": [
    "import pandas as pd\\n",
    "df = pd.read_csv('storms.csv')"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "id": "c9d0e1f2",
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "rows: 120\\n"
     ]
    },
    {
     "data": {
      "text/plain": [
       "count    120\\n",
       "mean      42.0"
      ]
     },
     "execution_count": 2,
     "metadata": {},
     "output_type": "execute_result"
    }
   ],
   "source": [
    "print('rows:', len(df))\\n",
    "df.wind.describe()"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "0a1b2c3d",
   "metadata": {},
   "outputs": [
    {
     "data": {
      "image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAW9JTKQAAAABJRU5ErkJggg==",
      "text/plain": [
       "<Figure size 640x480 with 1 Axes>"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [
    "df.wind.plot()"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python",
   "version": "3.12.3"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

/** A fresh copy of the fixture. */
function nb(): INotebookJson {
  return parseNotebookSide(NOTEBOOK, 'Version A');
}

/** Status and type per cell, for compact expectations. */
function statuses(cells: ICellDiff[]): string[] {
  return cells.map(c => `${c.status}${c.moved ? '+moved' : ''}:${c.id ?? c.rightIndex ?? c.leftIndex}`);
}

/** The same notebook without cell ids (nbformat 4.4). */
function withoutIds(n: INotebookJson): INotebookJson {
  return { ...n, nbformat_minor: 4, cells: n.cells.map(({ id: _id, ...rest }) => rest as INotebookJson['cells'][0]) };
}

describe('diffNotebooks', () => {
  it('finds no change between a notebook and itself, by id', () => {
    const result = diffNotebooks(nb(), nb());
    expect(result.matchedBy).toBe('id');
    expect(result.counts).toEqual({ added: 0, removed: 0, modified: 0, unchanged: 4 });
    expect(result.metadata.changes).toEqual([]);
    expect(result.format).toBeUndefined();
  });

  it('finds an added cell where it was inserted', () => {
    const right = nb();
    right.cells.splice(2, 0, { cell_type: 'markdown', id: 'new00001', metadata: {}, source: 'A note' });
    const result = diffNotebooks(nb(), right);
    expect(statuses(result.cells)).toEqual([
      'unchanged:a1b2c3d4',
      'unchanged:e5f6a7b8',
      'added:new00001',
      'unchanged:c9d0e1f2',
      'unchanged:0a1b2c3d'
    ]);
    expect(result.cells[2].source.lines).toEqual([{ kind: 'added', text: 'A note' }]);
    expect(result.counts.added).toBe(1);
  });

  it('finds a removed cell where it was, with its outputs', () => {
    const right = nb();
    right.cells.splice(2, 1);
    const result = diffNotebooks(nb(), right);
    expect(statuses(result.cells)).toEqual(['unchanged:a1b2c3d4', 'unchanged:e5f6a7b8', 'removed:c9d0e1f2', 'unchanged:0a1b2c3d']);
    const removed = result.cells[2];
    expect(removed.leftIndex).toBe(2);
    expect(removed.rightIndex).toBeUndefined();
    expect(removed.source.lines.every(l => l.kind === 'removed')).toBe(true);
    expect(removed.outputs.map(o => [o.kind, o.outputType])).toEqual([
      ['removed', 'stream'],
      ['removed', 'execute_result']
    ]);
  });

  it('recognises a moved cell by its id and keeps the others in place', () => {
    const right = nb();
    const [moved] = right.cells.splice(3, 1);
    right.cells.splice(1, 0, moved);
    const result = diffNotebooks(nb(), right);
    expect(statuses(result.cells)).toEqual(['unchanged:a1b2c3d4', 'unchanged+moved:0a1b2c3d', 'unchanged:e5f6a7b8', 'unchanged:c9d0e1f2']);
    expect(result.cells.filter(c => c.moved)).toHaveLength(1);
  });

  it('shows an edited source as a line diff', () => {
    const right = nb();
    right.cells[1].source = ['import pandas as pd\n', "df = pd.read_csv('storms-2026.csv')"];
    const result = diffNotebooks(nb(), right);
    const cell = result.cells[1];
    expect(cell.status).toBe('modified');
    expect(cell.sourceChanged).toBe(true);
    expect(cell.source.lines).toEqual([
      { kind: 'same', text: 'import pandas as pd' },
      { kind: 'removed', text: "df = pd.read_csv('storms.csv')" },
      { kind: 'added', text: "df = pd.read_csv('storms-2026.csv')" }
    ]);
    expect(cell.outputs).toEqual([]);
  });

  it('shows a changed text output as a text diff and a changed image as an image change', () => {
    const right = nb();
    right.cells[2].outputs![0].text = ['rows: 130\n'];
    right.cells[3].outputs![0].data!['image/png'] =
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4nGNgYGD4z8DAwMAAAA0AAXd9lHsAAAAASUVORK5CYII=';
    const result = diffNotebooks(nb(), right);
    const text = result.cells[2];
    expect(text.status).toBe('modified');
    expect(text.sourceChanged).toBe(false);
    expect(text.outputs).toHaveLength(1);
    expect(text.outputs[0]).toMatchObject({ kind: 'changed', outputType: 'stream', name: 'stdout', image: false, rich: false });
    expect(text.outputs[0].text!.lines).toEqual([
      { kind: 'removed', text: 'rows: 120' },
      { kind: 'added', text: 'rows: 130' }
    ]);
    const image = result.cells[3];
    expect(image.status).toBe('modified');
    expect(image.outputs).toHaveLength(1);
    expect(image.outputs[0]).toMatchObject({ kind: 'changed', image: true, rich: false });
    expect(image.outputs[0].text).toBeUndefined();
  });

  it('ignores execution counts and timing metadata by default, but not when asked', () => {
    const right = nb();
    right.cells[2].execution_count = 7;
    right.cells[2].outputs![1].execution_count = 7;
    right.cells[1].metadata = { execution: { 'iopub.execute_input': '2026-03-13T09:00:00.000Z' }, tags: [] };
    expect(diffNotebooks(nb(), right).counts.modified).toBe(0);
    const strict = diffNotebooks(nb(), right, { ignoreExecutionCount: false, ignoreCellMetadataKeys: [] });
    expect(strict.cells[2].executionCountChanged).toBe(true);
    expect(strict.cells[2].outputs.map(o => o.kind)).toEqual(['changed']);
    expect(strict.cells[1].metadata.map(m => m.path)).toEqual([['execution', 'iopub.execute_input']]);
    expect(strict.counts.modified).toBe(2);
  });

  it('lists notebook metadata changes and a format change', () => {
    const right = nb();
    right.metadata = { ...right.metadata, kernelspec: { display_name: 'R', language: 'R', name: 'ir' }, authors: ['ada'] };
    right.nbformat_minor = 4;
    const result = diffNotebooks(nb(), right);
    expect(result.metadata.changes.map(c => [c.path.join('.'), c.kind])).toEqual([
      ['kernelspec.display_name', 'changed'],
      ['kernelspec.language', 'changed'],
      ['kernelspec.name', 'changed'],
      ['authors', 'added']
    ]);
    expect(result.format).toEqual({ left: '4.5', right: '4.4' });
  });

  it('matches cells without ids by content: insertion, edit and removal', () => {
    const left = withoutIds(nb());
    const right = withoutIds(nb());
    right.cells[1].source = "import pandas as pd\ndf = pd.read_csv('storms-2026.csv')";
    right.cells.splice(3, 1);
    right.cells.splice(0, 0, { cell_type: 'markdown', metadata: {}, source: 'Intro' });
    const result = diffNotebooks(left, right);
    expect(result.matchedBy).toBe('content');
    expect(result.cells.map(c => [c.status, c.leftIndex, c.rightIndex])).toEqual([
      ['added', undefined, 0],
      ['unchanged', 0, 1],
      ['modified', 1, 2],
      ['unchanged', 2, 3],
      ['removed', 3, undefined]
    ]);
    expect(result.cells[2].source.lines.map(l => l.kind)).toEqual(['same', 'removed', 'added']);
  });

  it('falls back to content when no cell id is shared (ids regenerated)', () => {
    const right = nb();
    right.cells.forEach((c, i) => (c.id = `regen-${i}`));
    const result = diffNotebooks(nb(), right);
    expect(result.matchedBy).toBe('content');
    expect(result.counts).toEqual({ added: 0, removed: 0, modified: 0, unchanged: 4 });
  });

  it('does not pair a removed code cell with an added markdown cell', () => {
    const left = withoutIds(nb());
    const right = withoutIds(nb());
    right.cells[3] = { cell_type: 'markdown', metadata: {}, source: 'df.wind.plot()' };
    const result = diffNotebooks(left, right);
    expect(result.cells.slice(3).map(c => c.status)).toEqual(['removed', 'added']);
  });
});

describe('parseNotebookSide', () => {
  it('rejects nbformat 3 and non-notebooks with a message naming the side', () => {
    const bad = ['{"nbformat": 3, "cells": []}', '[1, 2]', 'not json'];
    for (const text of bad) {
      let error: unknown;
      try {
        parseNotebookSide(text, 'Version B');
      } catch (err) {
        error = err;
      }
      expect(isHeliumError(error, 'InvalidInput')).toBe(true);
      expect((error as Error).message).toMatch(/^Version B/);
    }
  });
});

describe('notebooks saved by other tools', () => {
  it('does not see an output as changed when its text is one string instead of a list of lines', () => {
    // JupyterLab writes ["rows: 120\n"]; nbformat allows "rows: 120\n" (other tools, nbconvert).
    const left = parseNotebookSide(NOTEBOOK, 'A');
    const right = parseNotebookSide(NOTEBOOK, 'B');
    const [stream, result] = right.cells[2].outputs!;
    stream.text = 'rows: 120\n';
    (result.data as Record<string, unknown>)['text/plain'] = 'count    120\nmean      42.0';
    const diff = diffNotebooks(left, right);
    expect(diff.counts.modified).toBe(0);
    expect(diff.cells[2].outputs).toEqual([]);
  });

  it('names an nbformat 3 notebook (cells in worksheets) as such', () => {
    expect(() => parseNotebookSide('{"nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": []}]}', 'Version A')).toThrow(
      /^Version A is an nbformat 3 notebook; only nbformat 4 can be compared cell by cell/
    );
  });
});

describe('matching helpers', () => {
  it('longestIncreasing finds one longest increasing run', () => {
    expect([...longestIncreasing([0, 3, 1, 2])].sort()).toEqual([0, 2, 3]);
    expect(longestIncreasing([]).size).toBe(0);
  });

  it('similarity is 1 for equal texts and low for unrelated ones', () => {
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('df.describe()', 'df.describe(include="all")')).toBeGreaterThan(0.5);
    expect(similarity('import os', 'SELECT 1')).toBeLessThan(0.2);
  });
});
