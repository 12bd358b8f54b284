/** The pins model's own messages go through the translator it is given. */
import { TestConnections } from '../testing/connections';
import { FakeMetadata } from '../testing/pins-metadata';
import { markingTrans } from '../testing/translation';
import { NotebookPinsModel } from './notebook-pins';
import { pinnedFiles } from './pinned-files';

describe('NotebookPinsModel messages', () => {
  const noConnections = new TestConnections({}, {});

  it('says through the translator that the server offers no connection', async () => {
    const model = new NotebookPinsModel(noConnections, new FakeMetadata(), markingTrans);
    await expect(model.connectionFor('data')).rejects.toThrow('«The Jupyter server offers no S3 connection to read pinned data through.»');
  });

  it('names a missing pin through the translator, in the model and in pinnedFiles', async () => {
    const model = new NotebookPinsModel(noConnections, new FakeMetadata(), markingTrans);
    await expect(model.updatePin('raw')).resolves.toEqual({ action: 'skipped', reason: '«The notebook has no pin named "raw".»' });
    await expect(pinnedFiles(noConnections, model, 'raw')).rejects.toThrow('«The notebook has no pin named "raw".»');
  });
});
