/**
 * Where Rename…, Move to… and Duplicate put a selected object or folder.
 */
import { duplicateDestination, duplicateName, moveIntoDestination, progressText, renameDestination } from './move';
import { testTrans as trans } from '../testing/translation';

const object = { bucket: 'b', key: 'data/storms.csv', name: 'storms.csv' };
const folder = { bucket: 'b', key: 'data/raw/', name: 'raw' };

describe('renameDestination', () => {
  it('keeps the folder and changes the name', () => {
    expect(renameDestination(object, ' gales.csv ', trans)).toEqual({ to: { bucket: 'b', key: 'data/gales.csv' } });
    expect(renameDestination(folder, 'clean', trans)).toEqual({ to: { bucket: 'b', key: 'data/clean/' } });
  });

  it('refuses a slash, the same name, and names other tools misread', () => {
    expect(renameDestination(object, 'x/y.csv', trans)).toEqual({ problem: expect.stringMatching(/Move to/) });
    expect(renameDestination(object, 'storms.csv', trans)).toEqual({ problem: expect.stringMatching(/already/), already: true });
    expect(renameDestination(object, '..', trans)).toEqual({ problem: expect.stringMatching(/"\.\." segment/) });
    expect(renameDestination(object, 'a\tb', trans)).toEqual({ problem: expect.stringMatching(/control character/) });
    expect(renameDestination(object, '  ', trans)).toEqual({ problem: 'Type a new name.' });
  });
});

describe('moveIntoDestination', () => {
  it('takes a folder path in the same bucket, or the root', () => {
    expect(moveIntoDestination(object, 'archive/2024', trans)).toEqual({ to: { bucket: 'b', key: 'archive/2024/storms.csv' } });
    expect(moveIntoDestination(folder, '/', trans)).toEqual({ to: { bucket: 'b', key: 'raw/' } });
  });

  it('takes an s3:// URI of another bucket, percent-decoded', () => {
    expect(moveIntoDestination(object, 's3://other/my%25dir/', trans)).toEqual({
      to: { bucket: 'other', key: 'my%dir/storms.csv' }
    });
  });

  it('refuses the folder it is in, and a bad URI', () => {
    expect(moveIntoDestination(object, 'data/', trans)).toEqual({ problem: expect.stringMatching(/already/), already: true });
    expect(moveIntoDestination(object, 's3://', trans)).toHaveProperty('problem');
  });
});

describe('duplicateName', () => {
  it('puts "copy" before the extension of a file, after a folder name', () => {
    expect(duplicateName('storms.csv', false, 1)).toBe('storms copy.csv');
    expect(duplicateName('storms.csv', false, 2)).toBe('storms copy 2.csv');
    expect(duplicateName('.env', false, 1)).toBe('.env copy');
    expect(duplicateName('v1.2', true, 1)).toBe('v1.2 copy');
    expect(duplicateDestination(folder, 1)).toEqual({ bucket: 'b', key: 'data/raw copy/' });
  });
});

describe('progressText', () => {
  it('counts objects and bytes', () => {
    const text = progressText({ objectsDone: 1, objectsTotal: 3, bytesDone: 10, bytesTotal: 30 }, n => `${n} B`, trans);
    expect(text).toBe('1 of 3 objects, 10 B of 30 B');
    expect(progressText({ objectsDone: 0, objectsTotal: 1, bytesDone: 0, bytesTotal: 5 }, n => `${n} B`, trans)).toBe(
      '0 of 1 object, 0 B of 5 B'
    );
  });
});
