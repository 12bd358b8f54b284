/**
 * Applying a sync's changes to the OpenSearch indexes with `_bulk`: a key's other documents
 * (older versions, a Quilt stack's per-version documents) are deleted when its current version is
 * written, so the index holds one document per key as the embedded one does. OpenSearch has no
 * transactions: a bulk that fails halfway leaves correct but incomplete changes, and the sync time
 * is recorded only after every part succeeded, so the next sync redoes the rest.
 */
import { HeliumError } from '../error-class';
import { objectDocId, objectSource, snapshotDocId, snapshotSource } from './opensearch-layout';
import type { OpenSearchIndex } from './opensearch';
import type { IndexChanges } from './types';

/** Most actions per `_bulk` request. */
const BULK_ACTIONS = 1000;
/**
 * Most bytes per `_bulk` request (about): documents with contents carry up to 100 KB each, and
 * AWS OpenSearch Service refuses requests over 10 MB on its smaller instance types.
 */
const BULK_BYTES = 8 * 1024 * 1024;
/** Keys per lookup of their existing documents. */
const LOOKUP_KEYS = 1000;

/** A `_bulk` answer, as far as it is read. */
interface BulkAnswer {
  errors: boolean;
  items: Record<string, { status: number; error?: { type?: string; reason?: string } }>[];
}

/** The `_id`s of every document of these keys in the objects index. */
async function existingIds(index: OpenSearchIndex, keys: string[]): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  for (let i = 0; i < keys.length; i += LOOKUP_KEYS) {
    const batch = keys.slice(i, i + LOOKUP_KEYS);
    for await (const source of index.scan(index.names.objects, { terms: { key: batch } }, ['key', 'version_id'], ['key', 'version_id'])) {
      const key = String(source.key);
      ids.set(key, [...(ids.get(key) ?? []), objectDocId(key, String(source.version_id ?? 'null'))]);
    }
  }
  return ids;
}

/**
 * Split action lines (each an action with its source) into `_bulk` bodies of at most
 * {@link BULK_ACTIONS} actions and about {@link BULK_BYTES} (one larger action goes alone).
 */
export function bulkBatches(lines: string[], maxActions = BULK_ACTIONS, maxBytes = BULK_BYTES): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    const size = line.length * 3; // at most 3 UTF-8 bytes per UTF-16 unit: no encoding needed to bound it
    if (batch.length > 0 && (batch.length >= maxActions || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(line);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** One NDJSON action line (and its source line). */
function action(op: 'index' | 'delete', index: string, id: string, source?: Record<string, unknown>): string {
  const head = JSON.stringify({ [op]: { _index: index, _id: id } });
  return source ? `${head}\n${JSON.stringify(source)}\n` : `${head}\n`;
}

/**
 * Apply changes with `_bulk` (then refresh, so searches see them).
 * @param index - the bucket's OpenSearch index.
 * @param changes - documents to upsert and delete.
 * @throws HeliumError when OpenSearch refuses a document (the first reason is given).
 */
export async function applyChanges(index: OpenSearchIndex, changes: IndexChanges): Promise<void> {
  const now = new Date();
  const keys = [...new Set([...changes.deleteObjects, ...changes.upsertObjects.map(d => d.key)])];
  const existing = keys.length ? await existingIds(index, keys) : new Map<string, string[]>();
  const lines: string[] = [];
  const newIds = new Set(changes.upsertObjects.map(d => objectDocId(d.key, d.versionId)));
  for (const key of keys) {
    for (const id of existing.get(key) ?? []) {
      if (!newIds.has(id)) lines.push(action('delete', index.names.objects, id));
    }
  }
  for (const doc of changes.upsertObjects) {
    lines.push(action('index', index.names.objects, objectDocId(doc.key, doc.versionId), objectSource(doc, now)));
  }
  for (const s of changes.deleteSnapshots) lines.push(action('delete', index.names.packages, snapshotDocId(s.name, s.topHash)));
  for (const doc of changes.upsertSnapshots) {
    lines.push(action('index', index.names.packages, snapshotDocId(doc.name, doc.topHash), snapshotSource(doc)));
  }
  const batches = bulkBatches(lines);
  for (const [i, batch] of batches.entries()) {
    const last = i === batches.length - 1;
    const body = batch.join('');
    const answer = await index.call<BulkAnswer>('POST', `/_bulk${last ? '?refresh=true' : ''}`, body, 'writing documents (_bulk)');
    const failed = answer?.errors ? answer.items.map(item => Object.values(item)[0]).find(r => r.error && r.status !== 404) : undefined;
    if (failed) {
      throw new HeliumError(
        'Unknown',
        `OpenSearch refused a document (${failed.status}): ${failed.error?.reason ?? failed.error?.type ?? 'no reason given'}.`,
        {
          code: 'OpenSearchBulk',
          status: failed.status
        }
      );
    }
  }
}
