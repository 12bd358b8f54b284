/**
 * The Check Connection model: it asks the server's check endpoint under the server's base URL,
 * keeps the report, says why a check could not run, and lets a newer run win over an older one.
 */
import { ServerConnection } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { markingTrans, testTrans } from '../testing/translation';
import { ConnectionCheckModel } from './connection-check';
import type { DoctorReport } from '../service/doctor/rules';

const REPORT: DoctorReport = {
  connection: 'lab',
  endpoint: 'http://s3.test',
  checks: [{ id: 'credentials.none', area: 'credentials', status: 'problem', detail: 'No AWS credentials were found.', fix: 'Set them.' }],
  summary: { ok: 0, warning: 0, problem: 1, skipped: 0 }
};

/** A model whose server answers with `answer` for each request, recording the URLs asked. */
function modelWith(
  answer: (url: string) => Promise<Response>,
  trans: TranslationBundle = testTrans
): { model: ConnectionCheckModel; urls: string[] } {
  const urls: string[] = [];
  const fetch = (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    return answer(url);
  };
  const settings = ServerConnection.makeSettings({ baseUrl: 'http://x/user/alice/', fetch: fetch as typeof globalThis.fetch });
  return { model: new ConnectionCheckModel(trans, settings), urls };
}

function json(status: number, body: unknown): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

it('asks the server under its base URL and keeps the report', async () => {
  const { model, urls } = modelWith(() => json(200, REPORT));
  const states: string[] = [];
  model.changed.connect(() => states.push(model.state));
  await model.run('my lab');
  expect(urls[0].split('?')[0]).toBe('http://x/user/alice/helium/connections/my%20lab/check');
  expect(states).toEqual(['running', 'done']);
  expect(model.report?.checks[0].fix).toBe('Set them.');
  expect(model.error).toBeNull();
});

it('says why the check could not run', async () => {
  const { model } = modelWith(() => json(403, { code: 'NotAuthorized', message: 'This Jupyter user may not read through helium.' }));
  await model.run('lab');
  expect(model.state).toBe('failed');
  expect(model.error).toBe('This Jupyter user may not read through helium.');
  const old = modelWith(() => Promise.resolve(new Response('nope', { status: 404 }))).model;
  await old.run('lab');
  expect(old.error).toMatch(/update the jupyterlab_helium server extension/);
});

it("says its own messages through the translator, the server's as they are", async () => {
  const old = modelWith(() => Promise.resolve(new Response('nope', { status: 502 })), markingTrans).model;
  await old.run('lab');
  expect(old.error).toBe('«The server could not check the connection (HTTP 502).»');
  const refused = modelWith(() => json(403, { message: 'This Jupyter user may not read through helium.' }), markingTrans).model;
  await refused.run('lab');
  expect(refused.error).toBe('This Jupyter user may not read through helium.');
});

it('a newer run wins over an older one still on its way', async () => {
  let release: (r: Response) => void = () => undefined;
  const slow = new Promise<Response>(resolve => (release = resolve));
  const answers = [() => slow, () => json(200, { ...REPORT, connection: 'second' })];
  const { model } = modelWith(() => answers.shift()!());
  const first = model.run('lab');
  await model.run('second');
  release(new Response(JSON.stringify(REPORT), { status: 200 }));
  await first;
  expect(model.connection).toBe('second');
  expect(model.report?.connection).toBe('second');
});
