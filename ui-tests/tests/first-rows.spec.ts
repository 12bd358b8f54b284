/**
 * The first rows of a big prefix at once: the panel asks for a short first page (100 keys), shows
 * it, then lists full pages (1,000 keys). The time from the first page's response to its rows on
 * screen is recorded (not asserted: the machine is shared).
 */
import { expect, test } from '@jupyterlab/galata';
import { openBucket, panel, waitForListing } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

test('lists a 100,000-key prefix with a short first page, then full pages', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await openBucket(page, 'local', 'helium-big');
  const listings: URL[] = [];
  page.on('request', request => {
    const url = new URL(request.url());
    if (/\/helium\/s3\/local\/helium-big\/?$/.test(url.pathname) && url.searchParams.get('prefix') === 'many/') {
      listings.push(url);
    }
  });
  // The page notes when the first object row appears.
  await page.evaluate(() => {
    const w = window as unknown as { heliumFirstRowAt?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector('#jupyterlab-helium-browser .jp-helium-row[data-kind=object]')) {
        w.heliumFirstRowAt = performance.now();
        observer.disconnect();
      }
    }).observe(document.body, { subtree: true, childList: true });
  });
  await panel(page).locator('.jp-helium-row[data-name="many"]').dblclick();
  await waitForListing(page);
  await expect(panel(page).locator('.jp-helium-row[data-kind=object]').first()).toBeVisible();
  // The first page had 100 keys; the listing then asks for full pages (the second one right away:
  // the rows on screen come near the end of what is loaded).
  await expect.poll(() => listings.length).toBeGreaterThanOrEqual(2);
  expect(listings[0].searchParams.get('max-keys')).toBe('100');
  expect(listings[1].searchParams.get('max-keys')).toBe('1000');
  expect(listings[1].searchParams.get('continuation-token')).toBeTruthy();
  await expect(panel(page).locator('[data-testid=helium-status]')).toContainText(/1,?100 loaded, more on scroll/, { timeout: 60_000 });

  // For the record: the first page's response, then the rows on screen.
  const { firstRowAt, responseEnd, requestStart } = await page.evaluate(() => {
    const first = performance
      .getEntriesByType('resource')
      .find(e => e.name.includes('/helium/s3/local/helium-big') && e.name.includes('prefix=many%2F')) as PerformanceResourceTiming;
    return {
      firstRowAt: (window as unknown as { heliumFirstRowAt: number }).heliumFirstRowAt,
      responseEnd: first.responseEnd,
      requestStart: first.startTime
    };
  });
  const description =
    `first page (100 keys) answered in ${Math.round(responseEnd - requestStart)} ms; ` +
    `first rows on screen ${Math.round(firstRowAt - responseEnd)} ms after its response`;
  testInfo.annotations.push({ type: 'measured', description });
  console.log(description);
});
