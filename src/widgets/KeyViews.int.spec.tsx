/**
 * How the S3 panel shows keys S3 holds but people rarely type (control characters, empty
 * segments, `%`, `?`, `#`), listed from the real local S3: names readable, tooltips and
 * breadcrumbs that are URIs reading back as the exact key or prefix.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import * as React from 'react';
import { act } from 'react';
import { reactHostPerTest } from '../testing/react-host';
import type { S3Client } from '@aws-sdk/client-s3';
import { parseS3Uri } from '../service/uri';
import { createTestBucket, putMany, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans as trans } from '../testing/translation';
import { BrowserModel } from '../models/browser';
import { Listing } from './Listing';
import { Breadcrumbs } from './Breadcrumbs';
import { controlCodeOf } from './KeyText';

jest.mock('@jupyterlab/ui-components', () => {
  const icon = { react: () => null };
  // The extension's own icons (widgets/icons.ts) are LabIcons made at import.
  class LabIcon {
    react = () => null;
  }
  return { caretDownIcon: icon, caretUpIcon: icon, folderIcon: icon, historyIcon: icon, LabIcon };
});

const KEYS = ['odd/tab\there.txt', 'odd/100% #1?.csv', 'odd/two  spaces.txt', 'odd//in-empty.txt', 'odd/a/b.txt'];

let s3: S3Client;
let bucket: string;
const view = reactHostPerTest();

beforeAll(async () => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
  s3 = testClient();
  bucket = await createTestBucket(s3, 'keyviews', false);
  await putMany(s3, bucket, KEYS, 4);
}, 60_000);

/** The listing of `prefix`, rendered. */
async function renderListing(prefix: string): Promise<BrowserModel> {
  const model = new BrowserModel(new TestConnections({ local: s3 }, { local: [bucket] }), trans);
  await model.initialize();
  await model.open(bucket, prefix);
  await act(async () => {
    view.root.render(
      <Listing
        model={model}
        trans={trans}
        iconFor={() => ({ react: () => null }) as never}
        onOpen={jest.fn()}
        onContextMenu={jest.fn()}
        onUp={jest.fn()}
      />
    );
  });
  return model;
}

/** Name shown and tooltip of every row. */
function rows(): { name: string; title: string; empty: boolean }[] {
  return [...view.host.querySelectorAll('.jp-helium-row[data-kind]')].map(row => {
    const name = row.querySelector('.jp-helium-row-name')!;
    return { name: name.textContent!, title: row.getAttribute('title')!, empty: name.classList.contains('jp-mod-empty-name') };
  });
}

it('shows control characters as symbols, keeps spaces, and marks the folder of an empty segment', async () => {
  await renderListing('odd/');
  const shown = rows();
  expect(shown.map(r => r.name).sort()).toEqual(['(empty name)', '100% #1?.csv', 'a', 'tab␉here.txt', 'two  spaces.txt'].sort());
  expect(shown.find(r => r.name === '(empty name)')!.empty).toBe(true);
  expect(shown.find(r => r.name === 'a')!.empty).toBe(false);
  expect(view.host.textContent).not.toContain('\t');
  // The picture is marked out, and its tooltip names the character it stands for.
  const marks = [...view.host.querySelectorAll('.jp-helium-control-char')];
  expect(marks.map(m => [m.textContent, m.getAttribute('title')])).toEqual([['␉', 'U+0009 (a control character)']]);
});

it('names the code point of every Control Picture, DEL included', () => {
  expect(controlCodeOf('␀')).toBe('U+0000');
  expect(controlCodeOf('␊')).toBe('U+000A');
  expect(controlCodeOf('␟')).toBe('U+001F');
  expect(controlCodeOf('␡')).toBe('U+007F');
});

it('gives every row a tooltip URI that reads back as its exact key or prefix', async () => {
  await renderListing('odd/');
  const ids = rows().map(r => parseS3Uri(r.title));
  expect(ids.every(id => id.bucket === bucket)).toBe(true);
  expect(ids.map(id => id.key).sort()).toEqual(['odd/tab\there.txt', 'odd/100% #1?.csv', 'odd/two  spaces.txt', 'odd//', 'odd/a/'].sort());
});

it('breadcrumbs keep empty segments, each crumb going to exactly its prefix', () => {
  const onNavigate = jest.fn();
  act(() => view.root.render(<Breadcrumbs bucket={bucket} prefix="odd//a/" trans={trans} onNavigate={onNavigate} />));
  const crumbs = [...view.host.querySelectorAll('.jp-helium-crumb')];
  expect(crumbs.map(c => c.textContent)).toEqual([bucket, 'odd', '(empty name)', 'a']);
  expect(crumbs.map(c => parseS3Uri(c.getAttribute('title')!).key)).toEqual(['', 'odd/', 'odd//', 'odd//a/']);
  act(() => (crumbs[2] as HTMLButtonElement).click());
  expect(onNavigate).toHaveBeenCalledWith('odd//');
});
