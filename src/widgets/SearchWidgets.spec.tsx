/**
 * The search panel's views in jsdom: hits render keys as text (an attacker's key stays text), the
 * matched part marked, control characters visible; a click opens, Shift+Enter shows versions;
 * facet chips narrow; the status says what to do in each state.
 */
import * as React from 'react';
import { act } from 'react';
import { reactHostPerTest } from '../testing/react-host';
import type { SearchHit } from '../service/search/types';
import { testTrans as trans } from '../testing/translation';
import { SearchFacets } from './SearchFacets';
import { SearchResults } from './SearchResults';
import { SearchStatus } from './SearchStatus';

// The results are virtualized: give the scroll area a size so rows render in jsdom.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});

const view = reactHostPerTest();

const hostile = 'x/<img src=x onerror="alert(1)">\tStorms.csv';
const hits: SearchHit[] = [
  {
    type: 'object',
    key: hostile,
    version_id: 'v1',
    meta: { ocean: 'atlantic' },
    size: 2048,
    time: '2026-12-01T10:00:00.000Z',
    ext: '.csv'
  },
  {
    type: 'snapshot',
    key: 'team/hurdat',
    version_id: null,
    meta: null,
    size: null,
    time: '2026-12-02T10:00:00.000Z',
    message: 'first cut',
    folder: 'hurdat/',
    top_hash: 'ab'
  }
];

describe('SearchResults', () => {
  it('shows an object in its folder (link or Alt+Enter), marks the selected hit, and renders a footer', () => {
    const actions = { open: jest.fn(), versions: jest.fn(), reveal: jest.fn(), select: jest.fn() };
    act(() =>
      view.root.render(
        <SearchResults
          hits={hits}
          query=""
          trans={trans}
          actions={actions}
          isSelected={h => h.type === 'snapshot'}
          footer={<button className="more">Show more</button>}
        />
      )
    );
    const rows = view.host.querySelectorAll<HTMLElement>('.jp-helium-search-hit');
    expect(rows[0].querySelector('.jp-helium-search-hit-reveal')).not.toBeNull();
    expect(rows[1].querySelector('.jp-helium-search-hit-reveal')).toBeNull(); // a snapshot: Open shows it
    act(() => rows[0].querySelector<HTMLElement>('.jp-helium-search-hit-reveal')!.click());
    expect(actions.reveal).toHaveBeenCalledWith(hits[0]);
    expect(actions.open).not.toHaveBeenCalled();
    act(() => void rows[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', altKey: true, bubbles: true })));
    expect(actions.reveal).toHaveBeenCalledTimes(2);
    act(() => void rows[0].dispatchEvent(new MouseEvent('contextmenu', { bubbles: true })));
    expect(actions.select).toHaveBeenCalledWith(hits[0]);
    expect([...rows].map(r => r.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    expect(view.host.querySelector('.more')?.textContent).toBe('Show more');
  });

  it('renders keys as text with the match marked, and wires open and versions', () => {
    const actions = { open: jest.fn(), versions: jest.fn() };
    act(() => view.root.render(<SearchResults hits={hits} query="storms AND ext:.csv" trans={trans} actions={actions} />));
    const rows = view.host.querySelectorAll<HTMLElement>('.jp-helium-search-hit');
    expect(rows).toHaveLength(2);
    expect(view.host.querySelector('img')).toBeNull();
    expect(rows[0].getAttribute('data-key')).toBe(hostile);
    const key = rows[0].querySelector('.jp-helium-search-hit-key')!;
    expect(key.textContent).toBe('x/<img src=x onerror="alert(1)">␉Storms.csv');
    // The key is cut in the middle when narrow (head + kept tail), which may split a match's mark in two.
    expect([...key.querySelectorAll('mark')].map(m => m.textContent).join('')).toBe('Storms');
    expect(key.querySelector('.jp-helium-middle-cut-tail')!.textContent).toBe('orms.csv');
    expect(key.querySelector<HTMLElement>('.jp-helium-middle-cut')!.title).toBe(key.textContent);
    expect(key.querySelector('.jp-helium-control-char')?.textContent).toBe('␉');
    expect(rows[0].querySelector('.jp-helium-search-hit-meta')?.textContent).toBe('ocean: atlantic');
    expect(rows[1].querySelector('.jp-helium-search-hit-meta')?.textContent).toBe('first cut');
    expect(rows[1].querySelector('.jp-helium-search-hit-versions')).toBeNull();

    act(() => rows[1].click());
    expect(actions.open).toHaveBeenCalledWith(hits[1]);
    act(() => void rows[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true })));
    expect(actions.versions).toHaveBeenCalledWith(hits[0]);
    act(() => rows[0].querySelector<HTMLElement>('.jp-helium-search-hit-versions')!.click());
    expect(actions.versions).toHaveBeenCalledTimes(2);
    expect(actions.open).toHaveBeenCalledTimes(1);
  });
});

describe('SearchFacets', () => {
  const facets = {
    ext: { '.csv': 3, '': 1 },
    user_meta: { ocean: 2, 'odd field': 1 },
    folder: { 'data/hurdat2/': 3, '': 1 },
    user_meta_values: { ocean: { atlantic: 4, ['x'.repeat(300)]: 1 }, 'odd field': { y: 1 } }
  };

  it('shows counts and narrows by the clicked chip', () => {
    const onNarrow = jest.fn();
    act(() => view.root.render(<SearchFacets facets={facets} trans={trans} onNarrow={onNarrow} />));
    const group = (facet: string) => [...view.host.querySelectorAll<HTMLElement>(`.jp-helium-search-chip[data-facet="${facet}"]`)];
    expect(group('ext').map(c => c.textContent)).toEqual(['.csv 3', '(none) 1']);
    expect(group('folder').map(c => c.textContent)).toEqual(['hurdat2/ 3', '(this folder) 1']);
    expect(group('user_meta').map(c => c.textContent)).toEqual(['ocean 2', 'odd field 1']);
    act(() => group('user_meta')[0].click());
    expect(onNarrow).toHaveBeenCalledWith({ facet: 'user_meta', value: 'ocean' });
    act(() => group('ext')[1].click());
    expect(onNarrow).toHaveBeenLastCalledWith({ facet: 'ext', value: '' });
    act(() => group('folder')[0].click());
    expect(onNarrow).toHaveBeenLastCalledWith({ facet: 'folder', value: 'data/hurdat2/' });
  });

  it("shows each field's values as chips; a long value is cut, its tooltip whole", () => {
    const onNarrow = jest.fn();
    act(() => view.root.render(<SearchFacets facets={facets} trans={trans} onNarrow={onNarrow} />));
    const ocean = view.host.querySelector<HTMLElement>('.jp-helium-search-facet-group[data-field="ocean"]')!;
    expect(ocean.querySelector('.jp-helium-search-facet-label')!.textContent).toBe('ocean:');
    const chips = [...ocean.querySelectorAll<HTMLButtonElement>('.jp-helium-search-chip')];
    expect(chips.map(c => c.querySelector('.jp-helium-search-chip-count')!.textContent)).toEqual(['4', '1']);
    expect(chips[1].title).toBe(`${'x'.repeat(300)} (1)`);
    expect(chips[1].querySelector('.jp-helium-search-chip-text')).not.toBeNull();
    act(() => chips[0].click());
    expect(onNarrow).toHaveBeenLastCalledWith({ facet: 'user_meta_values', field: 'ocean', value: 'atlantic' });
    // A field name a query cannot write: its chips are shown, not clickable.
    const odd = view.host.querySelector<HTMLButtonElement>('.jp-helium-search-facet-group[data-field="odd field"] button')!;
    expect(odd.disabled).toBe(true);
    act(() => odd.click());
    expect(onNarrow).toHaveBeenCalledTimes(1);
  });
});

describe('SearchStatus', () => {
  const render = (props: Partial<React.ComponentProps<typeof SearchStatus>>) => {
    const onUpdate = jest.fn();
    const onCancel = jest.fn();
    act(() =>
      view.root.render(
        <SearchStatus
          state={{ kind: 'none' }}
          bucket="demo"
          persisted={true}
          trans={trans}
          onUpdate={onUpdate}
          onCancel={onCancel}
          {...props}
        />
      )
    );
    return { onUpdate, onCancel, text: view.host.textContent ?? '', button: view.host.querySelector<HTMLButtonElement>('button') };
  };

  it('offers to build a never-built index, and says when it lives in memory only', () => {
    const { onUpdate, text, button } = render({ state: { kind: 'never' }, persisted: false });
    expect(text).toContain('demo has no search index yet');
    expect(text).toContain('kept in memory');
    expect(button?.textContent).toBe('Build index');
    act(() => button!.click());
    expect(onUpdate).toHaveBeenCalled();
  });

  it('says an index emptied for its older format must be built again', () => {
    const { text, button } = render({ state: { kind: 'never', oldFormat: '2' }, persisted: true });
    expect(text).toContain('The search index of demo was written by an older version of helium and must be built again');
    expect(button?.textContent).toBe('Build index');
  });

  it('offers content indexing as a checkbox that says what the index holds, not while building', () => {
    const onIndexContent = jest.fn();
    const ready = { kind: 'ready' as const, syncedAt: new Date(), objects: 5, snapshots: 0, stale: false };
    render({ state: ready, indexContent: false, onIndexContent });
    const box = () => view.host.querySelector<HTMLInputElement>('[data-testid=helium-search-index-content]');
    expect(box()?.checked).toBe(false);
    act(() => box()!.click());
    expect(onIndexContent).toHaveBeenCalledWith(true);
    render({ state: ready, indexContent: true, onIndexContent });
    expect(box()?.checked).toBe(true);
    render({ state: { kind: 'building', progress: null }, indexContent: true, onIndexContent });
    expect(box()).toBeNull();
    render({ state: ready, indexContent: true });
    expect(box()).toBeNull();
  });

  it('shows progress with Cancel while building, and stale / error states with an action', () => {
    const building = render({ state: { kind: 'building', progress: { phase: 'reading metadata', listed: 10, headed: 4, toHead: 8 } } });
    expect(building.text).toContain('Reading metadata: 4 of 8');
    expect(view.host.querySelector('progress')?.getAttribute('value')).toBe('4');
    act(() => building.button!.click());
    expect(building.onCancel).toHaveBeenCalled();

    const stale = render({ state: { kind: 'ready', syncedAt: new Date(), objects: 5, snapshots: 1, stale: true } });
    expect(stale.text).toContain('may have changed since');
    expect(stale.text).toContain('5 objects, 1 snapshot.'); // one snapshot, not "1 snapshots"
    expect(view.host.querySelector('.jp-mod-stale')).not.toBeNull();
    expect(stale.button?.textContent).toBe('Update index');

    const plain = render({ state: { kind: 'ready', syncedAt: new Date(), objects: 5, snapshots: 1, stale: false } });
    expect(plain.text).not.toContain('Current objects only');
    const currentOnly = render({
      state: { kind: 'ready', syncedAt: new Date(), objects: 5, snapshots: 1, stale: false, currentOnly: true }
    });
    expect(currentOnly.text).toContain('Current objects only');
    expect(currentOnly.text).toContain('s3:ListBucketVersions');
    expect(currentOnly.text).toContain('older versions and deleted objects are not searchable');

    const error = render({ state: { kind: 'error', message: 'Access denied to demo.' } });
    expect(error.text).toContain('Access denied to demo.');
    expect(error.button?.textContent).toBe('Try again');
  });
});

describe('SearchFacets, compact', () => {
  const facets = {
    ext: { '.csv': 3, '.parquet': 2 },
    user_meta: { ocean: 2 },
    folder: { 'data/hurdat2/': 3, '': 1 },
    user_meta_values: { ocean: { atlantic: 4, pacific: 1 } }
  };

  it('puts every chip under one Filters summary that collapses, and counts the chips the query holds', () => {
    const onNarrow = jest.fn();
    const render = (query: string) =>
      act(() => view.root.render(<SearchFacets facets={facets} trans={trans} query={query} onNarrow={onNarrow} />));
    render('storms');
    const details = view.host.querySelector<HTMLDetailsElement>('details.jp-helium-search-facets')!;
    expect(details.open).toBe(true);
    expect(details.querySelector('summary')!.textContent).toBe('Filters');
    // No chip is lost: 2 + 2 + 1 + 2.
    expect(details.querySelectorAll('.jp-helium-search-chip')).toHaveLength(7);
    render('(storms) AND ext:".csv" AND user_meta.ocean:"atlantic"');
    expect(view.host.querySelector('[data-testid="helium-search-facets-active"]')!.textContent).toBe('2 on');
    const pressed = [...view.host.querySelectorAll<HTMLElement>('.jp-helium-search-chip[aria-pressed="true"]')].map(c => c.dataset.value);
    expect(pressed).toEqual(['.csv', 'atlantic']);
    // Each field's values are behind a line of their own, closed at first, which counts what is on inside.
    const more = details.querySelector<HTMLDetailsElement>('details.jp-helium-search-facet-more')!;
    expect(more.open).toBe(false);
    expect(more.querySelector('summary')!.textContent).toBe('Values of 1 field1 on');
    expect(more.querySelectorAll('.jp-helium-search-chip[data-facet="user_meta_values"]')).toHaveLength(2);
  });
});
