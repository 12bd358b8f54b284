import { imageRank, jsonRank, notebookRank, textRank } from './diff-ranks';

describe('provider ranks', () => {
  it('ranks text files 10, data files 5 and binaries 0 for the text view', () => {
    expect(textRank('src/app.PY')).toBe(10);
    expect(textRank('notes/readme.md')).toBe(10);
    expect(textRank('data/storms.csv')).toBe(5);
    expect(textRank('analysis.ipynb')).toBe(5);
    expect(textRank('photo.png')).toBe(0);
    expect(textRank('data.parquet')).toBe(0);
  });

  it('uses the content type only for keys without an extension', () => {
    expect(textRank('logs/today', 'text/plain; charset=utf-8')).toBe(10);
    expect(textRank('logs/today', 'application/octet-stream')).toBe(0);
    expect(textRank('logs/today')).toBe(0);
    expect(textRank('repo/LICENSE')).toBe(10);
    expect(textRank('blob.bin', 'text/plain')).toBe(0);
  });

  it('ranks JSON, notebooks and images for their own views', () => {
    expect(jsonRank('a/b.geojson')).toBe(50);
    expect(jsonRank('a/b', 'application/json')).toBe(50);
    expect(jsonRank('a/b.ipynb')).toBe(0);
    expect(notebookRank('a/b.ipynb')).toBe(60);
    expect(notebookRank('a/b.json')).toBe(0);
    expect(imageRank('a/b.JPEG')).toBe(50);
    expect(imageRank('a/b.svg')).toBe(50);
    expect(imageRank('a/b.tiff')).toBe(0);
    expect(imageRank('a/b.constructor')).toBe(0);
  });
});
