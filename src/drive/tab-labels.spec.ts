import { tabLabels } from './tab-labels';

describe('tabLabels', () => {
  it('leaves a name alone when no other open document has it', () => {
    expect(tabLabels([{ name: 'storms.csv', folders: ['local', 'demo', 'hurdat2'] }, { name: 'a.csv', folders: ['local', 'demo'] }])).toEqual([
      'storms.csv',
      'a.csv'
    ]);
  });

  it('adds the shortest end of the folder path that tells same-named documents apart', () => {
    const labels = tabLabels([
      { name: 'storms.csv', folders: ['local', 'demo', 'data', '2024'] },
      { name: 'storms.csv', folders: ['local', 'demo', 'raw'] },
      { name: 'storms.csv', folders: ['local', 'demo', 'archive', '2024'] },
      { name: 'other.csv', folders: ['local', 'demo', 'raw'] }
    ]);
    expect(labels).toEqual(['storms.csv — data/2024', 'storms.csv — raw', 'storms.csv — archive/2024', 'other.csv']);
  });

  it('reaches up to the bucket or the connection when the folders match', () => {
    expect(
      tabLabels([
        { name: 'x.csv', folders: ['local', 'bucket-a', 'data'] },
        { name: 'x.csv', folders: ['local', 'bucket-b', 'data'] },
        { name: 'x.csv', folders: ['aws', 'bucket-a', 'data'] }
      ])
    ).toEqual(['x.csv — local/bucket-a/data', 'x.csv — bucket-b/data', 'x.csv — aws/bucket-a/data']);
  });
});
