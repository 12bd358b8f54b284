/**
 * One polite live region on the page (visually hidden, always present), for announcements a
 * screen reader should read once: a region that appears together with its text is often not
 * read, so widgets that come and go (the transfers status item) speak through this one.
 */

const REGION_ID = 'jp-helium-live-region';

/**
 * Say a text through the page's live region (created on first use); the same text twice in a
 * row is said once.
 * @param text - what to announce ('' clears it).
 */
export function announce(text: string): void {
  let region = document.getElementById(REGION_ID);
  if (!region) {
    region = document.createElement('div');
    region.id = REGION_ID;
    region.className = 'jp-helium-sr-only';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.appendChild(region);
  }
  if (region.textContent !== text) {
    region.textContent = text;
  }
}
