import { inPalette, selectionLabel } from './palette-labels';

describe('labels of commands acting on a selection', () => {
  const labels = { menu: 'Delete…', named: () => 'Delete storms.csv from S3…', none: 'Delete from S3… (select an object)' };

  it('is short outside the palette, whatever is selected', () => {
    expect(selectionLabel({}, labels, { name: 'storms.csv' })).toBe('Delete…');
    expect(selectionLabel({ isPalette: false }, labels, null)).toBe('Delete…');
  });

  it('names the selection in the palette, or says where to pick one', () => {
    expect(selectionLabel({ isPalette: true }, labels, { name: 'storms.csv' })).toBe('Delete storms.csv from S3…');
    expect(selectionLabel({ isPalette: true }, labels, null)).toBe('Delete from S3… (select an object)');
    expect(selectionLabel({ isPalette: true }, labels, undefined)).toBe('Delete from S3… (select an object)');
  });

  it('only reads isPalette: true as the palette', () => {
    expect(inPalette({ isPalette: true })).toBe(true);
    expect(inPalette({ isPalette: 'true' })).toBe(false);
    expect(inPalette({})).toBe(false);
  });
});
