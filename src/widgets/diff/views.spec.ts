import * as React from 'react';
import { act } from 'react';
import { reactHostPerTest } from '../../testing/react-host';
import { diffNotebooks, parseNotebookSide } from '../../service/diff/notebook';
import { NotebookDiff } from './NotebookDiffView';
import { ImageDiffView } from './ImageDiffView';
import { SummaryDiffView } from './SummaryDiffView';
import type { IDiffRequest } from '../../tokens';
import { testTrans as trans } from '../../testing/translation';

// @jupyterlab/ui-components is ESM, which this project's jest setup does not transform; the
// views only need ReactWidget as a base class here.
jest.mock('@jupyterlab/ui-components', () => ({ ReactWidget: class {} }));

const code = (id: string, source: string, outputs: unknown[] = []) => ({
  cell_type: 'code',
  id,
  metadata: {},
  execution_count: 1,
  source,
  outputs
});

function notebook(cells: unknown[]): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
}

describe('NotebookDiff', () => {
  const view = reactHostPerTest();

  it('shows HTML outputs and sources as text only, and collapses unchanged cells', () => {
    const html = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const left = notebook([
      code('a', 'x = 1'),
      code('b', 'y = 2'),
      code('c', 'display(h)', [{ output_type: 'display_data', metadata: {}, data: { 'text/html': '<b>old</b>', 'text/plain': 'old' } }])
    ]);
    const right = notebook([
      code('a', 'x = 1'),
      code('b', 'y = 2'),
      code('c', `display(h)  # ${html}`, [{ output_type: 'display_data', metadata: {}, data: { 'text/html': html, 'text/plain': html } }])
    ]);
    const diff = diffNotebooks(parseNotebookSide(left, 'A'), parseNotebookSide(right, 'B'));
    act(() => view.root.render(React.createElement(NotebookDiff, { diff, trans })));
    expect(view.host.querySelector('img, script, b')).toBeNull();
    expect(view.host.textContent).toContain(html);
    expect(view.host.textContent).toContain('other content (HTML, JavaScript, widgets…) differs; not shown');
    const modified = view.host.querySelector('.jp-helium-diff-nb-cell[data-status="modified"]')!;
    expect(modified.querySelectorAll('.jp-helium-diff-line[data-kind="added"]').length).toBeGreaterThan(0);
    const expand = view.host.querySelector('.jp-helium-diff-nb-expand') as HTMLButtonElement;
    expect(expand.textContent).toBe('2 unchanged cells');
    expect(view.host.querySelectorAll('.jp-helium-diff-nb-cell[data-status="unchanged"]')).toHaveLength(0);
    act(() => expand.click());
    expect(view.host.querySelectorAll('.jp-helium-diff-nb-cell[data-status="unchanged"]')).toHaveLength(2);
  });
});

const request: IDiffRequest = {
  left: { connection: 'c', bucket: 'b', key: 'k.bin', label: 'old', size: 5 },
  right: { connection: 'c', bucket: 'b', key: 'k.bin', label: 'new', size: 5 }
};

describe('SummaryDiffView', () => {
  it('offers Load anyway when undecided, then shows the verdict and its evidence', async () => {
    const compare = jest.fn(async () => ({
      verdict: 'identical' as const,
      evidence: 'content' as const,
      digests: { left: 'aa', right: 'aa' }
    }));
    const view = new SummaryDiffView({ request, decision: { verdict: 'unknown', evidence: 'none' }, compareContent: compare, trans });
    const verdict = () => view.node.querySelector('.jp-helium-diff-verdict')!;
    expect(verdict().getAttribute('data-verdict')).toBe('unknown');
    (view.node.querySelector('.jp-helium-diff-loadanyway') as HTMLButtonElement).click();
    await view.compareContent(); // the click's run is in flight: this one returns at once
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(compare).toHaveBeenCalledTimes(1);
    expect(verdict().getAttribute('data-verdict')).toBe('identical');
    expect(verdict().getAttribute('data-evidence')).toBe('content');
    expect(verdict().textContent).toBe('Identical: the SHA-256 of the content is the same.');
    expect(view.node.querySelector('.jp-helium-diff-loadanyway')).toBeNull();
  });

  it('says sizes decided, and shows labels as text', () => {
    const view = new SummaryDiffView({
      request: { left: { ...request.left, label: '<i>old</i>', size: 5 }, right: { ...request.right, size: 2048 } },
      decision: { verdict: 'different', evidence: 'size' },
      trans
    });
    expect(view.node.querySelector('.jp-helium-diff-verdict')!.textContent).toBe('Different: the sizes differ (5 B and 2.0 KiB).');
    expect(view.node.querySelector('i')).toBeNull();
    expect(view.node.textContent).toContain('<i>old</i>');
  });
});

describe('ImageDiffView', () => {
  const created: string[] = [];
  const revoked: string[] = [];
  beforeAll(() => {
    Object.assign(URL, {
      createObjectURL: () => {
        created.push(`blob:${created.length}`);
        return created[created.length - 1];
      },
      revokeObjectURL: (url: string) => revoked.push(url)
    });
  });

  it('says identical bytes, and revokes its object URLs on dispose', () => {
    const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const view = new ImageDiffView({ left: png, right: png.slice(), type: 'image/png', labels: { left: 'A', right: 'B' }, trans });
    expect(view.identical).toBe(true);
    expect(view.node.querySelector('.jp-helium-diff-identical')!.textContent).toBe('Identical bytes.');
    expect(view.node.querySelectorAll('img')).toHaveLength(2);
    view.dispose();
    expect(revoked.sort()).toEqual([...created].sort());
    expect(created).toHaveLength(2);
  });

  it('says the images differ when a byte differs', () => {
    const view = new ImageDiffView({
      left: new Uint8Array([1, 2, 3]),
      right: new Uint8Array([1, 2, 4]),
      type: 'image/png',
      labels: { left: 'A', right: 'B' },
      trans
    });
    expect(view.identical).toBe(false);
    expect(view.node.querySelector('.jp-helium-diff-identical')).toBeNull();
    expect(view.node.querySelector('.jp-helium-diff-counts')!.textContent).toBe('The images differ.');
    view.dispose();
  });

  it('shows SVG through data: URLs (opaque origin), never a same-origin blob: URL', () => {
    const svg = (fill: string) =>
      new TextEncoder().encode(
        `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script><rect fill="${fill}"/></svg>`
      );
    const before = created.length;
    const view = new ImageDiffView({
      left: svg('red'),
      right: svg('blue'),
      type: 'image/svg+xml',
      labels: { left: 'A', right: 'B' },
      trans
    });
    expect(created).toHaveLength(before);
    const srcs = [...view.node.querySelectorAll('img')].map(img => img.getAttribute('src')!);
    expect(srcs).toHaveLength(2);
    for (const src of srcs) {
      expect(src).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(src).not.toMatch(/^blob:/);
    }
    expect(atob(srcs[1].split(',')[1])).toContain('fill="blue"');
    view.dispose();
    expect(revoked.sort()).toEqual([...created].sort());
  });
});
