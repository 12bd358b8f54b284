import { untrusted } from './object-model';

describe('untrusted', () => {
  it('removes the trusted flag a notebook sets on its own cells, and nothing else', () => {
    const notebook = {
      cells: [
        { cell_type: 'code', metadata: { trusted: true, tags: ['x'] }, source: '', outputs: [] },
        { cell_type: 'markdown', metadata: {}, source: '' },
        { cell_type: 'raw', source: '' }
      ],
      metadata: { kernelspec: { name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5
    };
    const cleaned = untrusted(notebook);
    expect(cleaned.cells[0].metadata).toEqual({ tags: ['x'] });
    expect(cleaned.cells[1].metadata).toEqual({});
    expect(cleaned.metadata).toEqual({ kernelspec: { name: 'python3' } });
  });

  it('leaves JSON that is not a notebook alone', () => {
    expect(untrusted({ cells: 'nope' })).toEqual({ cells: 'nope' });
    expect(untrusted(null)).toBeNull();
  });
});
