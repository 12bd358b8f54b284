/**
 * The diff tab on a real local S3 (moto), wired as `plugins/diff.ts` wires it (the diff context
 * and HEAD of `models/diff-content.ts`) with the providers the Summary and Table plugins register:
 * a comparison of two versions names no sizes, the tab fills them in, picks the best view, shows
 * the verdict or the table diff, switches views, and waits for "Load anyway" above a view's cap.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Widget } from '@lumino/widgets';
import type { S3Client } from '@aws-sdk/client-s3';
import { putObject } from '../service/objects';
import type { IDiffProvider, IDiffRequest } from '../tokens';
import { DiffRegistry } from '../models/diff-registry';
import { createDiffContext, describeSide } from '../models/diff-content';
import { summaryProvider } from './diff-summary-provider';
import { tableProvider } from './diff-table-provider';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans as trans } from '../testing/translation';
import { DiffPanel } from '../widgets/diff/DiffPanel';
import type { TableDiffView } from '../widgets/diff/TableDiffView';

// jsdom has no Worker: tables are read on the page's thread (the worker protocol is tested in
// models/table/table-load-client.spec.ts).
jest.mock('../models/table/table-worker-start', () => ({ startTableWorker: () => undefined }));

let s3: S3Client;
let bucket: string;
let connections: TestConnections;

beforeAll(async () => {
  // jsdom has no canvas: the table grid then paints nothing.
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  s3 = testClient();
  bucket = await createTestBucket(s3, 'diffpanel');
  connections = new TestConnections({ local: s3 }, { local: [bucket] });
}, 60_000);

/** Two versions of a key, as the drawer asks for them: no sizes, no checksums. */
async function twoVersions(key: string, bodies: [string, string]): Promise<IDiffRequest> {
  const [a, b] = [await putObject(s3, { bucket, key, body: bodies[0] }), await putObject(s3, { bucket, key, body: bodies[1] })];
  return {
    left: { connection: 'local', bucket, key, versionId: a.versionId, label: 'older' },
    right: { connection: 'local', bucket, key, versionId: b.versionId, label: 'newer' }
  };
}

/** A diff tab as plugins/diff.ts makes it, attached to the page. */
function panelFor(request: IDiffRequest, providers: IDiffProvider[]): DiffPanel {
  const registry = new DiffRegistry();
  providers.forEach(p => registry.register(p));
  const panel = new DiffPanel({
    request,
    providers: registry,
    trans,
    createContext: (req, signal) => createDiffContext({ request: req, connections, trans, signal }),
    describeSide: (side, signal) => describeSide(side, connections, signal)
  });
  Widget.attach(panel, document.body);
  return panel;
}

it('describes both versions and shows the Summary verdict for any file', async () => {
  const request = await twoVersions('panel/a.bin', ['same bytes', 'same bytes']);
  const panel = panelFor(request, [summaryProvider(trans)]);
  await panel.ready;
  expect(panel.state).toBe('ready');
  expect(panel.provider?.id).toBe('summary');
  expect(panel.request.left.size).toBe(10);
  expect(panel.request.right.checksumSha256).toEqual(expect.any(String));
  const verdict = panel.node.querySelector<HTMLElement>('.jp-helium-diff-verdict');
  expect(verdict?.dataset.verdict).toBe('identical');
  panel.dispose();
});

it('shows a CSV as a table diff, and the Summary when asked', async () => {
  const request = await twoVersions('panel/storms.csv', ['id,wind\n1,35\n2,40\n', 'id,wind\n1,35\n2,45\n3,50\n']);
  const panel = panelFor(request, [summaryProvider(trans), tableProvider(trans)]);
  await panel.ready;
  expect(panel.state).toBe('ready');
  expect(panel.provider?.id).toBe('table');
  const table = panel.view as TableDiffView;
  expect(table.diff.keyColumns).toEqual(['id']);
  expect(table.diff.counts).toEqual({ same: 1, changed: 1, added: 1, removed: 0 });
  await panel.setProvider('summary');
  expect(panel.node.querySelector<HTMLElement>('.jp-helium-diff-verdict')?.dataset.verdict).toBe('different');
  panel.dispose();
});

it('waits for "Load anyway" when a version is over the view\'s cap', async () => {
  const request = await twoVersions('panel/big.csv', ['id\n1\n', 'id\n1\n2\n']);
  const capped: IDiffProvider = { ...tableProvider(trans), maxBytes: 4 };
  const panel = panelFor(request, [summaryProvider(trans), capped]);
  await panel.ready;
  expect(panel.state).toBe('capped');
  expect(panel.view).toBeNull();
  await panel.loadAnyway();
  expect(panel.state).toBe('ready');
  expect((panel.view as TableDiffView).diff.counts.added).toBe(1);
  panel.dispose();
});
