/**
 * The transfers status-bar item for keyboard and screen-reader users: a live region that says
 * when transfers start, finish or fail (never every percent), and Enter opens the panel.
 */
import * as React from 'react';
import { act } from 'react';
import { TransfersModel } from '../models/transfers';
import { reactHostPerTest } from '../testing/react-host';
import { testTrans as trans } from '../testing/translation';
import { destinationShown, TransfersStatusView } from './TransfersPanel';

jest.mock('@jupyterlab/apputils', () => ({ ReactWidget: class {} }));
jest.mock('@jupyterlab/ui-components', () => {
  const icon = { react: () => null };
  return {
    caretDownIcon: icon,
    caretRightIcon: icon,
    closeIcon: icon,
    copyIcon: icon,
    refreshIcon: icon,
    ToolbarButtonComponent: () => null
  };
});

const react = reactHostPerTest();

it('announces state changes, not progress, and opens the panel on Enter', async () => {
  const model = new TransfersModel();
  const opened: number[] = [];
  const host = { node: react.host };
  await act(async () => react.root.render(<TransfersStatusView model={model} trans={trans} onClick={() => opened.push(1)} />));
  const announce = () => document.getElementById('jp-helium-live-region')!;
  expect(announce().getAttribute('role')).toBe('status');
  expect(announce().textContent).toBe('');
  expect(host.node.contains(announce())).toBe(false); // always on the page, not inside the item

  let finish: () => void = () => undefined;
  let report: (n: number) => void = () => undefined;
  await act(async () => {
    model.add({
      direction: 'upload',
      label: 'a.csv',
      detail: 'a.csv → s3://b/a.csv',
      totalBytes: 100,
      task: onProgress =>
        new Promise<void>(resolve => {
          report = n => onProgress(n, 100);
          finish = resolve;
        })
    });
  });
  await act(async () => new Promise(r => setTimeout(r, 250)));
  expect(announce().textContent).toBe('1 transfer running');
  await act(async () => {
    report(50);
    await new Promise(r => setTimeout(r, 250));
  });
  const status = host.node.querySelector('[data-testid=helium-transfers-status]')!;
  expect(status.textContent).toBe('1 transfer · 50%');
  expect(announce().textContent).toBe('1 transfer running'); // the percent is not announced

  await act(async () => {
    finish();
    await new Promise(r => setTimeout(r, 250));
  });
  expect(announce().textContent).toBe('Transfers done');
  expect(status.getAttribute('role')).toBe('button');
  expect(status.getAttribute('tabindex')).toBe('0');
  await act(async () => void status.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
  expect(opened).toEqual([1]);
});

it("shows a file transfer's destination folder (its name is the row's label), anything else whole", () => {
  expect(destinationShown({ label: 'a b.csv', destination: 's3://bucket/data/a b.csv' })).toBe('s3://bucket/data/');
  expect(destinationShown({ label: 'data/', destination: 's3://bucket/up/data/' })).toBe('s3://bucket/up/data/');
  expect(destinationShown({ label: 'Copying a.csv', destination: 's3://other/x/' })).toBe('s3://other/x/');
  expect(destinationShown({ label: 'a.csv', destination: '/work/a.csv' })).toBe('/work/');
});
