import * as React from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { reactHostPerTest } from '../testing/react-host';
import type { EntryChange, EntryStatus, ManifestEntry, SnapshotDiff, StatusCounts } from '../service/snapshots/types';
import { LIVE } from '../models/snapshot-target';
import { ISnapshotDiffRequest, SnapshotDiffModel } from '../models/snapshot-diff';
import { SnapshotDiffContent } from './snapshot-diff';
import { formProblems, SnapshotFormContent, SnapshotResultContent } from './snapshot-dialog';
import { describeProgress } from './SnapshotProgress';
import { testTrans as trans } from '../testing/translation';

// JupyterLab's ESM packages are heavy in jsdom; these views only need a few names from them.
jest.mock('@jupyterlab/apputils', () => ({
  ReactWidget: class {},
  Dialog: {},
  Clipboard: { copyToSystem: jest.fn() },
  Notification: {},
  showDialog: jest.fn()
}));
jest.mock('@jupyterlab/ui-components', () => {
  const icon = { react: () => null };
  return { caretDownIcon: icon, caretRightIcon: icon, folderIcon: icon };
});

// The tree is virtualized: give the scroll area a size so rows render in jsdom.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});

function entry(key: string, version: string): ManifestEntry {
  return {
    logical_key: key,
    physical_keys: [`s3://b/data/${encodeURIComponent(key)}?versionId=${version}`],
    size: 10,
    hash: { type: 'sha2-256-chunked', value: version }
  };
}

function change(logicalKey: string, status: EntryStatus): EntryChange {
  return {
    logicalKey,
    status,
    left: status === 'added' ? undefined : entry(logicalKey, 'v1'),
    right: status === 'deleted' ? undefined : entry(logicalKey, 'v2')
  };
}

const zero: StatusCounts = { added: 0, deleted: 0, modified: 0, 'metadata-changed': 0, 'same-content-new-version': 0, same: 0 };
const HOSTILE = '<img src=x onerror="window.pwned=1">.csv';
const changes = [change('a/new.csv', 'added'), change(`a/${HOSTILE}`, 'modified'), change('gone.txt', 'deleted')];
const diff: SnapshotDiff = {
  changes,
  folders: new Map([
    ['', { ...zero, added: 1, modified: 1, deleted: 1, same: 40 }],
    ['a/', { ...zero, added: 1, modified: 1, same: 7 }]
  ])
};
const request: ISnapshotDiffRequest = {
  connection: 'local',
  bucket: 'b',
  folder: 'data/',
  left: { ref: 'a'.repeat(64), label: 'snapshot aaaaaa… · Mar 12, 14:02:00' },
  right: { ref: LIVE, label: 'live' }
};

describe('SnapshotDiffContent', () => {
  const view = reactHostPerTest();

  async function renderDiff(onOpenFile = jest.fn()) {
    const model = new SnapshotDiffModel(request, async () => diff);
    await model.load();
    act(() => view.root.render(<SnapshotDiffContent model={model} trans={trans} onOpenFile={onOpenFile} />));
    return onOpenFile;
  }

  it('summarises the counts per status as data attributes', async () => {
    await renderDiff();
    const summary = view.host.querySelector('.jp-helium-snapdiff-summary')!;
    expect(summary.getAttribute('data-added')).toBe('1');
    expect(summary.getAttribute('data-deleted')).toBe('1');
    expect(summary.getAttribute('data-modified')).toBe('1');
    expect(summary.getAttribute('data-same')).toBe('40');
    expect(summary.getAttribute('data-changed')).toBe('3');
    expect(view.host.querySelector('[data-side=left]')!.textContent).toBe('A: snapshot aaaaaa… · Mar 12, 14:02:00');
  });

  it('renders folders with per-folder count badges and files with their status', async () => {
    await renderDiff();
    const folder = view.host.querySelector('.jp-helium-snapdiff-row[data-kind=folder][data-path="a/"]')!;
    expect(folder).not.toBeNull();
    const badges = [...folder.querySelectorAll('.jp-helium-snapdiff-badge')].map(b => [b.getAttribute('data-status'), b.textContent]);
    expect(badges).toEqual([
      ['added', '1'],
      ['modified', '1']
    ]);
    const rows = [...view.host.querySelectorAll('.jp-helium-snapdiff-row')].map(r => r.getAttribute('data-path'));
    // Sorted by code units within a folder ('<' before 'n'), folders before files.
    expect(rows).toEqual(['a/', `a/${HOSTILE}`, 'a/new.csv', 'gone.txt']);
    expect(view.host.querySelector('.jp-helium-snapdiff-row[data-path="gone.txt"]')!.getAttribute('data-status')).toBe('deleted');
  });

  it('shows hostile keys as text, never as HTML', async () => {
    await renderDiff();
    expect(view.host.querySelector('img')).toBeNull();
    const row = view.host.querySelector(`.jp-helium-snapdiff-row[data-status=modified]`)!;
    expect(row.querySelector('.jp-helium-snapdiff-name')!.textContent).toBe(HOSTILE);
  });

  it('opens any file: both sides compare, an added one opens on its own', async () => {
    const onOpen = await renderDiff();
    act(() => (view.host.querySelector('.jp-helium-snapdiff-row[data-status=modified]') as HTMLElement).click());
    expect(onOpen).toHaveBeenLastCalledWith(changes[1]);
    const added = view.host.querySelector('.jp-helium-snapdiff-row[data-path="a/new.csv"]') as HTMLElement;
    expect(added.title).toMatch(/open this version/);
    act(() => added.click());
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect((onOpen.mock.calls[1][0] as { logicalKey: string }).logicalKey).toBe('a/new.csv');
  });

  it('filters by status with the summary chips, and collapses folders', async () => {
    await renderDiff();
    act(() => (view.host.querySelector('.jp-helium-snapdiff-chip[data-status=added]') as HTMLElement).click());
    act(() => (view.host.querySelector('.jp-helium-snapdiff-chip[data-status=deleted]') as HTMLElement).click());
    let rows = [...view.host.querySelectorAll('.jp-helium-snapdiff-row')].map(r => r.getAttribute('data-path'));
    expect(rows).toEqual(['a/', `a/${HOSTILE}`]);
    act(() => (view.host.querySelector('.jp-helium-snapdiff-row[data-kind=folder]') as HTMLElement).click());
    rows = [...view.host.querySelectorAll('.jp-helium-snapdiff-row')].map(r => r.getAttribute('data-path'));
    expect(rows).toEqual(['a/']);
    expect(view.host.querySelector('.jp-helium-snapdiff-row[data-kind=folder]')!.getAttribute('aria-expanded')).toBe('false');
  });

  it('Refresh compares again: files uploaded into the live folder meanwhile show up', async () => {
    const none: SnapshotDiff = { changes: [], folders: new Map([['', { ...zero, same: 40 }]]) };
    let live = none;
    const run = jest.fn(async () => live);
    const model = new SnapshotDiffModel(request, run);
    await model.load();
    act(() => view.root.render(<SnapshotDiffContent model={model} trans={trans} onOpenFile={jest.fn()} />));
    expect(view.host.querySelector('.jp-helium-empty')!.textContent).toMatch(/No differences/);
    live = diff; // an upload into the folder
    await act(async () => (view.host.querySelector('.jp-helium-snapdiff-refresh') as HTMLButtonElement).click());
    expect(run).toHaveBeenCalledTimes(2);
    expect(view.host.querySelector('.jp-helium-snapdiff-summary')!.getAttribute('data-added')).toBe('1');
    expect(view.host.querySelector('.jp-helium-empty')).toBeNull();
  });

  it('offers Restore folder… for each snapshot side, never for the live one', async () => {
    const model = new SnapshotDiffModel(request, async () => diff);
    await model.load();
    const onRestore = jest.fn();
    act(() => view.root.render(<SnapshotDiffContent model={model} trans={trans} onOpenFile={jest.fn()} onRestore={onRestore} />));
    const buttons = [...view.host.querySelectorAll('.jp-helium-snapdiff-restore')] as HTMLButtonElement[];
    expect(buttons.map(b => b.getAttribute('data-side'))).toEqual(['left']);
    expect(buttons[0].textContent).toBe('Restore folder to A…');
    act(() => buttons[0].click());
    expect(onRestore).toHaveBeenCalledWith(request.left);
  });

  it('has no restore buttons where the tab offers none', async () => {
    await renderDiff();
    expect(view.host.querySelector('.jp-helium-snapdiff-restore')).toBeNull();
    expect(view.host.querySelector('.jp-helium-snapdiff-refresh')).not.toBeNull();
  });

  it('shows the error of a failed comparison as text with Try again', async () => {
    const model = new SnapshotDiffModel(request, async () => {
      throw Object.assign(new Error('No snapshot <b>aaaaaa</b> in s3://b'), { kind: 'NotFound' });
    });
    await model.load();
    act(() => view.root.render(<SnapshotDiffContent model={model} trans={trans} onOpenFile={jest.fn()} />));
    const error = view.host.querySelector('.jp-helium-snapdiff-error')!;
    expect(error.textContent).toBe('No snapshot <b>aaaaaa</b> in s3://b');
    expect(error.getAttribute('data-kind')).toBe('NotFound');
    expect(view.host.querySelector('b')).toBeNull();
    expect(view.host.querySelector('.jp-helium-snapdiff-retry')).not.toBeNull();
  });
});

describe('snapshot form', () => {
  const checks = {
    name: (name: string) => (/^[\w-]+\/[\w-]+$/.test(name) ? null : `"${name}" is not a valid package name`),
    meta: (text: string) => (text.trim().startsWith('{') ? null : 'The metadata must be a JSON object')
  };

  it('requires a message, a valid name and, when given, metadata the service accepts', () => {
    expect(formProblems({ message: '', name: 'a/b', metaText: '' }, checks, trans)).toEqual({
      message: 'Say what this snapshot is (a message is required).',
      name: null,
      meta: null,
      workflow: null
    });
    expect(formProblems({ message: 'm', name: 'a.b/c', metaText: '[1]' }, checks, trans)).toEqual({
      message: null,
      name: '"a.b/c" is not a valid package name',
      meta: 'The metadata must be a JSON object',
      workflow: null
    });
    expect(formProblems({ message: 'm', name: ' a/b ', metaText: '  ' }, checks, trans)).toEqual({
      message: null,
      name: null,
      meta: null,
      workflow: null
    });
  });

  it('marks invalid fields so the dialog disables OK, and shows the problem once touched', () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = createRoot(host);
    const inputs: unknown[] = [];
    host.addEventListener('input', () => inputs.push(1));
    const onChange = jest.fn();
    act(() =>
      root.render(
        <SnapshotFormContent
          trans={trans}
          uri="s3://b/data/"
          initial={{ message: '', name: 'data/snapshot', metaText: '' }}
          checks={checks}
          onChange={onChange}
          nodeRef={() => host}
        />
      )
    );
    expect(host.querySelectorAll('.jp-mod-error')).toHaveLength(1);
    expect(host.querySelector('.jp-helium-snapshot-field-message.jp-mod-error')).not.toBeNull();
    expect(inputs.length).toBeGreaterThan(0); // the dialog is told to re-check
    // Before it is touched, the empty message says why Snapshot is disabled (a hint, not an alert).
    expect(host.querySelector('.jp-helium-snapshot-field-message .jp-helium-snapshot-hint')!.textContent).toMatch(/^Required/);
    expect(host.querySelector('.jp-helium-snapshot-field-message .jp-helium-snapshot-problem')).toBeNull();
    const name = host.querySelector('.jp-helium-snapshot-name-input') as HTMLInputElement;
    expect(name.value).toBe('data/snapshot');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    act(() => {
      setValue.call(name, 'bad name');
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(onChange).toHaveBeenLastCalledWith({ message: '', name: 'bad name', metaText: '' });
    expect(host.querySelector('.jp-helium-snapshot-field-name .jp-helium-snapshot-problem')!.textContent).toBe(
      '"bad name" is not a valid package name'
    );
    act(() => root.unmount());
    host.remove();
  });
});

describe('describeProgress', () => {
  it('describes the phases of taking a snapshot with counts and a fraction', () => {
    expect(describeProgress(null, trans)).toMatchObject({ phaseId: 'starting', fraction: null });
    const listing = describeProgress(
      { phase: 'listing', listed: 1200, reused: 0, toCheck: 0, checked: 0, hashedBytes: 0, bytesToHash: 0 },
      trans
    );
    expect(listing.phase).toBe('Listing the objects');
    expect(listing.detail).toBe(`${(1200).toLocaleString()} objects found`);
    expect(listing.fraction).toBeNull();
    const hashing = describeProgress(
      { phase: 'hashing', listed: 10, reused: 4, toCheck: 6, checked: 6, hashedBytes: 512, bytesToHash: 2048 },
      trans
    );
    expect(hashing.phase).toBe('Hashing content');
    expect(hashing.fraction).toBeCloseTo(0.25);
    expect(hashing.detail).toContain('512 B / 2.0 KiB hashed');
    expect(hashing.detail).toContain('4 known from the last snapshot');
  });

  it('describes the progress reports of snapshot() (objects and bytes of a total)', () => {
    const listing = describeProgress({ phase: 'listing', objects: 50, bytes: 4096 }, trans);
    expect(listing.detail).toBe('50 objects found · 4.0 KiB');
    expect(listing.fraction).toBeNull();
    const hashing = describeProgress({ phase: 'hashing', objects: 10, totalObjects: 40, bytes: 10, totalBytes: 1000 }, trans);
    expect(hashing.detail).toBe('10 / 40 objects · 10 B / 1000 B');
    expect(hashing.fraction).toBeCloseTo(0.25);
    expect(describeProgress({ phase: 'writing', objects: 40, totalObjects: 40, bytes: 0 }, trans).phase).toBe('Writing the snapshot');
  });

  it('describes a restore by actions done out of the total', () => {
    const copying = describeProgress({ phase: 'copying', done: 3, total: 12, bytesCopied: 100, totalBytes: 400 }, trans);
    expect(copying.phase).toBe('Copying versions back');
    expect(copying.fraction).toBeCloseTo(0.25);
    expect(copying.detail).toContain('3 / 12 objects');
  });
});

describe('snapshot result', () => {
  const result = { topHash: 'f'.repeat(64), name: 'team/data', bucket: 'b', entries: 3, bytes: 30, snippet: 'import quilt3' };

  function render(element: JSX.Element): { host: HTMLElement; done: () => void } {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = createRoot(host);
    act(() => root.render(element));
    return { host, done: () => (act(() => root.unmount()), host.remove()) };
  }

  it('names the objects left out, as text, with why and what to do', () => {
    const leftOut = [
      { key: 'data/a/../b.csv', reason: 'its name in the folder has a ".." segment' },
      { key: `data//${HOSTILE}`, reason: 'its name in the folder has an empty segment' },
      ...Array.from({ length: 10 }, (_, i) => ({ key: `data/./x${i}`, reason: 'its name in the folder has a "." segment' }))
    ];
    const { host, done } = render(<SnapshotResultContent trans={trans} result={{ ...result, leftOut }} />);
    const box = host.querySelector('.jp-helium-snapshot-left-out') as HTMLElement;
    expect(box.dataset.count).toBe('12');
    expect(box.textContent).toContain('12 objects of the folder are not in this snapshot');
    expect(box.textContent).toContain('copy each to a key without such segments');
    const items = Array.from(box.querySelectorAll('li'), li => li.textContent);
    expect(items).toHaveLength(11); // ten named, then "and 2 more"
    expect(items[0]).toBe('s3://b/data/a/../b.csv — its name in the folder has a ".." segment');
    expect(items[10]).toBe('and 2 more');
    expect(box.querySelector('img')).toBeNull(); // the hostile key is text
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    done();
  });

  it('says nothing about left-out objects when there are none', () => {
    const { host, done } = render(<SnapshotResultContent trans={trans} result={{ ...result, leftOut: [] }} />);
    expect(host.querySelector('.jp-helium-snapshot-left-out')).toBeNull();
    expect(host.textContent).toContain('Snapshot team/data recorded (3 files, 30 B).');
    done();
  });

  it('puts the snippet, which scrolls sideways, in the tab order, named by its label', () => {
    const { host, done } = render(<SnapshotResultContent trans={trans} result={result} />);
    const snippet = host.querySelector('.jp-helium-snapshot-snippet') as HTMLElement;
    expect(snippet.tabIndex).toBe(0);
    expect(snippet.getAttribute('role')).toBe('region');
    const label = document.getElementById(snippet.getAttribute('aria-labelledby') ?? '');
    expect(label?.textContent).toBe('Open it with quilt3');
    done();
  });
});
