/**
 * The model interfaces of the tokens match the models that implement them (checked by tsc, which
 * compiles this file: a model that drifts from its interface fails the build), and every token
 * has a name of its own.
 */
import { BrowserModel } from '../models/browser';
// Type only: the search model's module starts a Web Worker with `import.meta`, which jest cannot load.
import type { SearchModel } from '../models/search';
import { SnapshotsModel } from '../models/snapshots';
import { TransfersModel } from '../models/transfers';
import { VersionsModel } from '../models/versions';
import * as tokens from '../tokens';

/** Compiles only when a model class can stand for its token's interface. */
type Implements<Interface, Model extends Interface> = Model;
export type Checked = [
  Implements<tokens.IS3BrowserModel, BrowserModel>,
  Implements<tokens.ITransfers, TransfersModel>,
  Implements<tokens.IVersionsModel, VersionsModel>,
  Implements<tokens.ISnapshotsModel, SnapshotsModel>,
  Implements<tokens.ISearchModel, SearchModel>
];

it('gives every token a name of its own, in the extension’s namespace', () => {
  const names = [
    tokens.IHeliumConnections,
    tokens.ITransfers,
    tokens.IS3Browser,
    tokens.IS3BrowserModel,
    tokens.IVersionsModel,
    tokens.ISnapshotsModel,
    tokens.ISearchModel,
    tokens.IDiffProviders
  ].map(token => token.name);
  expect(new Set(names).size).toBe(names.length);
  for (const name of names) {
    expect(name).toMatch(/^jupyterlab-helium:I[A-Z]\w+$/);
  }
});

it('lists the methods of each model interface on the model that implements it', () => {
  const methods: [object, string[]][] = [
    [BrowserModel.prototype, ['open', 'cd', 'refresh', 'reveal', 'versioning', 'deleteObject', 'createFolder', 'loadMore']],
    [TransfersModel.prototype, ['add', 'addGroup', 'cancel', 'retry', 'clearFinished', 'idle']],
    [VersionsModel.prototype, ['show', 'refresh', 'restore', 'undelete', 'deleteVersion', 'writeUserMeta']],
    [SnapshotsModel.prototype, ['show', 'refresh', 'select', 'find', 'reveal', 'toggleTick']]
  ];
  for (const [prototype, names] of methods) {
    for (const name of names) {
      expect(typeof (prototype as Record<string, unknown>)[name]).toBe('function');
    }
  }
});
