/**
 * Unit tests of the connections model's own messages (what it says when the Jupyter server does
 * not answer as expected), through a fake fetch.
 */
import { ServerConnection } from '@jupyterlab/services';
import { markingTrans } from '../testing/translation';
import { ConnectionsModel } from './connections';

/**
 * Settings whose every request is answered with an empty body and this status.
 * @param status - the HTTP status.
 * @returns the settings.
 */
function answering(status: number): ServerConnection.ISettings {
  const fetch = (async () =>
    ({ status, ok: status < 400, json: async () => null, text: async () => '' }) as unknown as Response) as typeof window.fetch;
  return ServerConnection.makeSettings({ baseUrl: 'http://x/lab-base/', fetch });
}

it('says the server extension is off, through the translator', async () => {
  await expect(new ConnectionsModel(answering(404), markingTrans).list()).rejects.toThrow(
    '«The jupyterlab_helium server extension is not enabled. Run `jupyter server extension enable jupyterlab_helium` and restart JupyterLab.»'
  );
});

it('says a share link could not be signed, through the translator', async () => {
  await expect(
    new ConnectionsModel(answering(500), markingTrans).shareLink('local', { bucket: 'b', key: 'k', expiresIn: 60 })
  ).rejects.toThrow('«The server could not sign a share link (HTTP 500).»');
});
