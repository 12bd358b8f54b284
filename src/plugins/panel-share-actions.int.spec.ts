/**
 * *Copy Share Link…*'s logic with the panel's model on a real local S3 (moto) and a scripted UI.
 * The signing itself is the Jupyter server's (tested in jupyterlab_helium/tests); here a recording
 * stand-in answers, so what is asked of the server, copied and shown can be checked.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { BrowserModel } from '../models/browser';
import { putObject } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans } from '../testing/translation';
import type { IConnectionInfo, IShareLink, IShareLinkRequest } from '../tokens';
import { IShareUi, makeShareLink, shareTarget, shareTargetProblem } from './panel-share-actions';

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'panel-share');
  await putObject(s3, { bucket, key: 'data/storms.csv', body: 's' });
});

/** Connections whose server signs links (or refuses, with `refuse`), recording what was asked. */
class SharingConnections extends TestConnections {
  constructor(private readonly _share: IConnectionInfo['share']) {
    super({ local: s3 }, { local: [bucket] });
  }
  readonly asked: [string, IShareLinkRequest][] = [];
  refuse: string | null = null;
  async list(): Promise<IConnectionInfo[]> {
    return (await super.list()).map(info => ({ ...info, share: this._share }));
  }
  async shareLink(connection: string, request: IShareLinkRequest): Promise<IShareLink> {
    this.asked.push([connection, request]);
    if (this.refuse) {
      throw new Error(this.refuse);
    }
    return {
      url: `https://signed.example/${request.key}?v=${request.versionId ?? ''}`,
      expiresAt: '2026-12-07T12:00:00Z',
      expiresIn: request.expiresIn
    };
  }
}

/** A scripted share UI recording what the person saw. */
function scriptedUi(answer: { expiresIn: number; pinVersion: boolean } | null, canCopy = true) {
  const seen = {
    options: [] as { title: string; choices: number[] }[],
    copied: [] as string[],
    links: [] as { url: string; copied: boolean; expiry: string }[],
    errors: [] as [string, string][]
  };
  const ui: IShareUi = {
    askOptions: async ({ title, choices }) => {
      seen.options.push({ title, choices: choices.map(c => c.seconds) });
      return answer;
    },
    copy: text => {
      seen.copied.push(text);
      return canCopy;
    },
    showLink: async ({ url, copied, expiry }) => void seen.links.push({ url, copied, expiry }),
    error: async (title, message) => void seen.errors.push([title, message])
  };
  return { ui, seen };
}

async function panel(share: IConnectionInfo['share']): Promise<{ model: BrowserModel; connections: SharingConnections }> {
  const connections = new SharingConnections(share);
  const model = new BrowserModel(connections, testTrans);
  await model.initialize();
  await model.reveal(bucket, 'data/storms.csv');
  return { model, connections };
}

it('shares the selected object for the expiry picked, copies the link and shows it', async () => {
  const { model, connections } = await panel({ enabled: true, max_seconds: 7200 });
  const target = shareTarget({}, model)!;
  expect(target).toEqual({ connection: 'local', bucket, key: 'data/storms.csv' });
  const { ui, seen } = scriptedUi({ expiresIn: 3600, pinVersion: false });
  const link = await makeShareLink({ model, connections, ui, trans: testTrans }, target);
  expect(link?.url).toBe('https://signed.example/data/storms.csv?v=');
  expect(connections.asked).toEqual([['local', { bucket, key: 'data/storms.csv', expiresIn: 3600 }]]);
  // Only what the connection allows is offered (here at most 2 hours).
  expect(seen.options).toEqual([{ title: 'Share link of storms.csv', choices: [3600, 7200] }]);
  expect(seen.copied).toEqual([link!.url]);
  expect(seen.links).toEqual([{ url: link!.url, copied: true, expiry: expect.stringContaining('(1 hour)') }]);
});

it('pins a version only when the person asks for that version', async () => {
  const { model, connections } = await panel({ enabled: true, max_seconds: 604800 });
  const target = shareTarget({ connection: 'local', bucket, key: 'data/storms.csv', versionId: 'v1', versionLabel: 'then' }, model)!;
  expect(target.versionId).toBe('v1');
  await makeShareLink({ model, connections, ui: scriptedUi({ expiresIn: 900, pinVersion: true }).ui, trans: testTrans }, target);
  await makeShareLink({ model, connections, ui: scriptedUi({ expiresIn: 900, pinVersion: false }).ui, trans: testTrans }, target);
  expect(connections.asked.map(([, r]) => r.versionId)).toEqual(['v1', undefined]);
});

it('says a connection with links off, and asks the server nothing', async () => {
  const { model, connections } = await panel({ enabled: false, max_seconds: 0 });
  const target = shareTarget({}, model)!;
  expect(shareTargetProblem(target, model, testTrans)).toContain('turned share links off');
  const { ui, seen } = scriptedUi({ expiresIn: 900, pinVersion: false });
  expect(await makeShareLink({ model, connections, ui, trans: testTrans }, target)).toBeNull();
  expect(seen.errors[0][0]).toBe('Cannot share storms.csv');
  expect(seen.options).toEqual([]);
  expect(connections.asked).toEqual([]);
});

it('tells the server’s refusal, and shows a link it could not copy as not copied', async () => {
  const { model, connections } = await panel({ enabled: true, max_seconds: 3600 });
  const target = shareTarget({}, model)!;
  connections.refuse = 'This bucket is not allowed.';
  const refused = scriptedUi({ expiresIn: 900, pinVersion: false });
  expect(await makeShareLink({ model, connections, ui: refused.ui, trans: testTrans }, target)).toBeNull();
  expect(refused.seen.errors).toEqual([['Could not make a share link of storms.csv', 'This bucket is not allowed.']]);
  expect(refused.seen.links).toEqual([]);
  connections.refuse = null;
  const noClipboard = scriptedUi({ expiresIn: 900, pinVersion: false }, false);
  await makeShareLink({ model, connections, ui: noClipboard.ui, trans: testTrans }, target);
  expect(noClipboard.seen.links[0].copied).toBe(false);
});

it('has no target without a selected object, and says to select one', async () => {
  const { model } = await panel({ enabled: true, max_seconds: 3600 });
  model.select(null);
  expect(shareTarget({}, model)).toBeNull();
  expect(shareTargetProblem(null, model, testTrans)).toBe('Select an object in the S3 panel.');
});
