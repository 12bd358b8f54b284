/**
 * The editor's check of metadata text: JSON syntax and S3's 2 KB, as the save counts it.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { parseMetadataJson } from '../service/object-metadata';
import { MAX_USER_METADATA_BYTES } from '../service/metadata';
import { encodeHeliumHeader } from '../service/values/header';
import { markingTrans, testTrans as trans } from '../testing/translation';
import { metadataTextProblem } from './metadata-check';

const plain = { target: 'csv', others: {} };

/** Metadata `{"notes": "x…x"}` whose helium header is exactly `bytes` long with `others`. */
function textOfHeaderSize(bytes: number, others: Record<string, string> = {}): string {
  const base = 'helium'.length + encodeHeliumHeader('csv', { notes: '' }).length;
  const othersSize = Object.entries(others).reduce((n, [k, v]) => n + k.length + v.length, 0);
  return JSON.stringify({ notes: 'x'.repeat(bytes - base - othersSize) });
}

describe('metadata text as the editor checks it', () => {
  it('accepts JSON that fits', () => {
    expect(metadataTextProblem('{"reviewed": true, "by": "Ана"}', parseMetadataJson, plain, trans)).toBeNull();
  });

  it('names where the JSON breaks', () => {
    expect(metadataTextProblem('{"reviewed": tru', parseMetadataJson, plain, trans)).toMatch(/line 1/);
  });

  it('accepts exactly 2 KB of header and refuses one byte more', () => {
    expect(metadataTextProblem(textOfHeaderSize(MAX_USER_METADATA_BYTES), parseMetadataJson, plain, trans)).toBeNull();
    expect(metadataTextProblem(textOfHeaderSize(MAX_USER_METADATA_BYTES + 1), parseMetadataJson, plain, trans)).toMatch(
      /2,049 bytes.*2 KB/
    );
  });

  it("counts the object's other user metadata, and says so", () => {
    const others = { owner: 'data-team' };
    const text = textOfHeaderSize(MAX_USER_METADATA_BYTES + 1 - 'ownerdata-team'.length);
    expect(metadataTextProblem(text, parseMetadataJson, plain, trans)).toBeNull();
    expect(metadataTextProblem(text, parseMetadataJson, { target: 'csv', others }, trans)).toMatch(/other user metadata counts too/);
    // Our sentence goes through the translator; the engine's problem inside it passes as it is.
    expect(metadataTextProblem(text, parseMetadataJson, { target: 'csv', others }, markingTrans)).toMatch(
      /^«.*2 KB.* \(The object's other user metadata counts too\.\)»$/
    );
  });
});
