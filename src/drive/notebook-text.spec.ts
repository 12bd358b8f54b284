/**
 * The drive writes a notebook byte for byte as Jupyter's server does (nbformat 4's `writes`), so
 * a Jupyter-written notebook saved without an edit is the same bytes (no new version). Checked
 * against the real nbformat of the project's Python.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { execFileSync } from 'child_process';
import { testPython } from '../testing/python-interop';
import { notebookText, pythonSplitLines } from './notebook-text';

/** What nbformat writes for a notebook given as JSON (the file Jupyter's server would save). */
function nbformatWrites(notebook: unknown): string {
  const script = 'import json,sys,nbformat; nb=nbformat.from_dict(json.load(sys.stdin)); sys.stdout.write(nbformat.writes(nb) + "\\n")';
  return execFileSync(testPython(), ['-c', script], {
    input: JSON.stringify(notebook),
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' }
  }).toString('utf-8');
}

/** A notebook as JupyterLab's model hands it to the drive: joined strings, its own key order. */
const fromJupyterLab = {
  nbformat_minor: 5,
  nbformat: 4,
  metadata: { title: 'Ünïcode 😀', signature: 'sha256:x', orig_nbformat: 3, '10': 'ten', '9': 'nine', b: 1, a: [] },
  cells: [
    { id: 'm1', cell_type: 'markdown', source: '# Title\r\nline two\rthree\u2028four\n', metadata: { trusted: true } },
    { id: 'm2', cell_type: 'markdown', source: '', metadata: {}, attachments: { 'a.svg': { 'image/svg+xml': '<svg>\n</svg>' } } },
    {
      id: 'c1',
      cell_type: 'code',
      source: 'print(1)\nprint("\\t")',
      metadata: { tags: ['x'], trusted: false, '\uD83D\uDE00': 1, '\uFFFF': 2 },
      execution_count: 3,
      outputs: [
        { output_type: 'stream', name: 'stdout', text: '1\n2\n' },
        {
          output_type: 'execute_result',
          execution_count: 3,
          metadata: {},
          data: { 'text/plain': 'a\nb', 'text/html': '<b>\n</b>', 'image/png': 'iVBORw0KGgo=\n', 'application/json': { k: 'v\nw' } }
        },
        { output_type: 'error', ename: 'E', evalue: 'v', traceback: ['line 1', 'line 2'] }
      ]
    }
  ]
};

it('writes a notebook from JupyterLab exactly as nbformat writes it', () => {
  expect(notebookText(fromJupyterLab)).toBe(nbformatWrites(fromJupyterLab));
});

it("writes the drive's empty new notebook as nbformat does", () => {
  const empty = {
    cells: [],
    metadata: { kernelspec: { name: 'python3', display_name: 'P', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5
  };
  expect(notebookText(empty)).toBe(nbformatWrites(empty));
});

it('leaves what is not an nbformat 4 notebook as it is', () => {
  expect(notebookText({ nbformat: 3, worksheets: [{ cells: [{ input: 'a\nb' }] }] })).toBe(
    '{\n "nbformat": 3,\n "worksheets": [\n  {\n   "cells": [\n    {\n     "input": "a\\nb"\n    }\n   ]\n  }\n ]\n}\n'
  );
});

it("splits lines where Python's splitlines does", () => {
  expect(pythonSplitLines('a\r\nb\rc\n\nd')).toEqual(['a\r\n', 'b\r', 'c\n', '\n', 'd']);
  expect(pythonSplitLines('')).toEqual([]);
  expect(pythonSplitLines('x\x0cy\u0085z')).toEqual(['x\x0c', 'y\u0085', 'z']);
});
