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
