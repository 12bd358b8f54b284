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

/** Actions per `_bulk` request. */
const BULK_ACTIONS = 1000;
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
  for (let i = 0; i < lines.length; i += BULK_ACTIONS) {
    const last = i + BULK_ACTIONS >= lines.length;
    const body = lines.slice(i, i + BULK_ACTIONS).join('');
    const answer = await index.call<BulkAnswer>('POST', `/_bulk${last ? '?refresh=true' : ''}`, body, 'writing documents (_bulk)');
    const failed = answer?.errors ? answer.items.map(item => Object.values(item)[0]).find(r => r.error && r.status !== 404) : undefined;
    if (failed) {
      throw new HeliumError('Unknown', `OpenSearch refused a document (${failed.status}): ${failed.error?.reason ?? failed.error?.type ?? 'no reason given'}.`, {
        code: 'OpenSearchBulk',
        status: failed.status
      });
    }
  }
}
