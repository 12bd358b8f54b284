/** Save a same-origin URL to the computer through the browser's own download. */

/**
 * Start a browser download of a URL (same origin, so the `download` name applies).
 * @param url - what to download.
 * @param fileName - the suggested file name.
 */
export function startBrowserDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
