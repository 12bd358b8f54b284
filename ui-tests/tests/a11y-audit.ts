/** The axe-core audit the accessibility specs share: WCAG 2.1 A/AA rules on one region of the page. */
import AxeBuilder from '@axe-core/playwright';
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';

/**
 * Audit one region; fail (softly: the test goes on and every region is reported) with each serious
 * or critical violation named (rule, help, where).
 * @param page - the page.
 * @param selector - the region (its first match).
 * @param name - what the region is, in the failure message (else the selector).
 */
export async function audit(page: IJupyterLabPageFixture, selector: string, name = selector): Promise<void> {
  await expect(page.locator(selector).first()).toBeVisible();
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${name}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map(n => n.target.join(' '))
          .join(' | ')}`
    );
  expect.soft(serious).toEqual([]);
}

/**
 * Check that an element's text stands out from what is behind it by at least `minimum`:1 (WCAG's
 * contrast ratio), its colour and its background's composed over every translucent layer down to
 * an opaque one. axe leaves such text "incomplete" (not a violation) when a translucent or
 * positioned layer is in the way, as in the listing's rows and the panel's error box.
 * @param page - the page.
 * @param selector - the element (its first match).
 * @param name - what it is, in the failure message.
 * @param minimum - the least ratio (4.5 for small text).
 */
export async function expectReadable(page: IJupyterLabPageFixture, selector: string, name: string, minimum = 4.5): Promise<void> {
  await expect(page.locator(selector).first()).toBeVisible();
  const ratio = await page
    .locator(selector)
    .first()
    .evaluate(el => {
      type RGBA = [number, number, number, number];
      const parse = (c: string): RGBA => {
        const [r, g, b, a = 1] = (c.match(/[\d.]+/g) ?? []).map(Number);
        return [r, g, b, a];
      };
      const over = (top: RGBA, bottom: RGBA): RGBA => {
        const mix = (i: number) => top[i] * top[3] + bottom[i] * (1 - top[3]);
        return [mix(0), mix(1), mix(2), 1];
      };
      const layers: RGBA[] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0) {
          layers.push(bg);
          if (bg[3] >= 1) {
            break;
          }
        }
      }
      let background: RGBA = [255, 255, 255, 1];
      for (const layer of layers.reverse()) {
        background = over(layer, background);
      }
      const text = over(parse(getComputedStyle(el).color), background);
      const luminance = (c: RGBA) => {
        const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
      };
      const [hi, lo] = [luminance(text), luminance(background)].sort((a, b) => b - a);
      return (hi + 0.05) / (lo + 0.05);
    });
  expect.soft(ratio, `${name}: contrast ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(minimum);
}
