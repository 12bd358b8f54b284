import { crumbsToHide } from './crumb-fit';

describe('crumbsToHide', () => {
  const widths = { bucket: 80, folders: [60, 60, 60, 60], ellipsis: 20 };

  it('hides nothing when everything fits', () => {
    expect(crumbsToHide(widths, 320)).toBe(0);
    expect(crumbsToHide(widths, 1000)).toBe(0);
  });

  it('hides folders from the top, counting the ellipsis crumb, until the rest fits', () => {
    // 80 + 20 + 3 × 60 = 280 ≤ 300: one folder hidden.
    expect(crumbsToHide(widths, 300)).toBe(1);
    // 80 + 20 + 2 × 60 = 220.
    expect(crumbsToHide(widths, 220)).toBe(2);
    expect(crumbsToHide(widths, 219)).toBe(3);
  });

  it('never hides the current folder, however narrow', () => {
    expect(crumbsToHide(widths, 10)).toBe(3);
    expect(crumbsToHide({ ...widths, folders: [500] }, 100)).toBe(0);
    expect(crumbsToHide({ ...widths, folders: [] }, 10)).toBe(0);
  });
});
