/**
 * Folder hints that tell apart tabs of documents of the same name (pure). Two `storms.csv` from
 * different folders both read "storms.csv" in JupyterLab; as in VS Code, each then shows the
 * shortest end of its folder path that no other one shares: "storms.csv — data/2024",
 * "storms.csv — raw".
 */

/** A document: its file name and the folders above it, outermost first (connection, bucket, …). */
export interface ITabDocument {
  name: string;
  folders: readonly string[];
}

/**
 * The shortest end of `folders` (at least one segment) that no other path in `others` ends with.
 * @param folders - this document's folders.
 * @param others - the folders of the other documents of the same name.
 * @returns the segments to show.
 */
function distinctEnd(folders: readonly string[], others: readonly (readonly string[])[]): readonly string[] {
  for (let n = 1; n <= folders.length; n++) {
    const end = folders.slice(-n).join('/');
    const shared = others.some(o => o.length >= n && o.slice(-n).join('/') === end);
    if (!shared) {
      return folders.slice(-n);
    }
  }
  return folders;
}

/**
 * A hint per document: none when no other open document has its name, else the end of its
 * folder path that tells it apart.
 * @param documents - the open documents.
 * @returns the hints (`''` for none), in the same order.
 */
export function tabHints(documents: readonly ITabDocument[]): string[] {
  return documents.map((doc, i) => {
    const others = documents.filter((o, j) => j !== i && o.name === doc.name).map(o => o.folders);
    return others.length === 0 ? '' : distinctEnd(doc.folders, others).join('/');
  });
}
