/**
 * The OpenSearch backend's facets as aggregations, read back into the shapes (and bounds) of the
 * embedded backend's: fields per user_meta field (`exists` filters), values per field (`terms` on
 * the field, or on its dynamic `.keyword` sub-field for text), and first-level folders (`terms`
 * on the objects' `folders` keyword field, kept to one level below the prefix by `include`, plus
 * a filter counting the objects directly in the prefix).
 */
import { addCounts, FOLDER_FACETS, META_VALUES_ASKED, topCounts } from './facets';
import type { FacetCounts } from './types';

/** A field's mapping, as far as it is read. */
export interface FieldMapping {
  type?: string;
  properties?: Record<string, FieldMapping>;
  fields?: Record<string, FieldMapping>;
}

/** An aggregation answer, as far as it is read. */
interface AggAnswer {
  doc_count?: number;
  buckets?: { key: string | number; key_as_string?: string; doc_count: number }[] | Record<string, { doc_count: number }>;
}

const NUMBERS = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long']);

/** The field a `terms` aggregation counts a user_meta field's values on, or null when it cannot. */
function valueField(name: string, mapping: FieldMapping): string | null {
  if (mapping.type === 'keyword' || mapping.type === 'boolean' || NUMBERS.has(mapping.type ?? '')) return `user_meta.${name}`;
  if (mapping.type === 'text' && mapping.fields?.keyword?.type === 'keyword') return `user_meta.${name}.keyword`;
  // Dates (dynamic date detection) and objects: not counted (a date's bucket is not the text written).
  return null;
}

/** Escape a text for a Lucene regular expression (ASCII punctuation; the rest is literal). */
function regexLiteral(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, c => `\\${c}`);
}

/** Escape a text for a `wildcard` query. */
function wildcardLiteral(text: string): string {
  return text.replace(/[\\*?]/g, c => `\\${c}`);
}

/**
 * The field the objects index keeps its ancestor folders in, by its mapping: `folders` (helium's
 * mapping), `folders.keyword` (an index created before, mapped dynamically), else null.
 */
export function foldersField(properties: Record<string, FieldMapping>): string | null {
  const mapping = properties.folders;
  if (mapping?.type === 'keyword') return 'folders';
  if (mapping?.type === 'text' && mapping.fields?.keyword?.type === 'keyword') return 'folders.keyword';
  return null;
}

/**
 * The aggregations of one index's facet request.
 * @param fields - top-level user_meta fields and their mappings (at most 50).
 * @param folders - the folders field (objects index), or null (packages, or an index without one).
 * @param prefix - the search's prefix.
 * @param objects - whether this is the objects index (folders are counted there only).
 * @returns the `aggs` body.
 */
export function facetAggs(
  fields: [string, FieldMapping][],
  folders: string | null,
  prefix: string,
  objects: boolean
): Record<string, unknown> {
  const aggs: Record<string, unknown> = {};
  if (fields.length)
    aggs.meta = { filters: { filters: Object.fromEntries(fields.map(([f]) => [f, { exists: { field: `user_meta.${f}` } }])) } };
  fields.forEach(([name, mapping], i) => {
    const field = valueField(name, mapping);
    if (field) aggs[`v${i}`] = { terms: { field, size: META_VALUES_ASKED } };
  });
  if (objects) {
    aggs.direct = { filter: { bool: { must_not: [{ wildcard: { key: { value: `${wildcardLiteral(prefix)}*/*` } } }] } } };
    if (folders) aggs.folder = { terms: { field: folders, size: FOLDER_FACETS, include: `${regexLiteral(prefix)}[^/]*/` } };
  }
  return aggs;
}

/** A bucket's key as the embedded backend writes the value (booleans `true`/`false`, floats short). */
function bucketValue(bucket: { key: string | number; key_as_string?: string }, type: string | undefined): string {
  if (type === 'boolean') return bucket.key_as_string ?? String(bucket.key === 1);
  // A float field's buckets are its 32-bit values (0.1 comes back as 0.10000000149011612).
  if ((type === 'float' || type === 'half_float') && typeof bucket.key === 'number') return String(Number(bucket.key.toPrecision(7)));
  return String(bucket.key);
}

/** What one index's facet aggregations counted. */
export interface IndexFacets {
  user_meta: FacetCounts;
  values: Record<string, FacetCounts>;
  folder: FacetCounts;
}

/**
 * Read one index's facet aggregations.
 * @param aggregations - the answer's `aggregations`.
 * @param fields - the fields asked, as given to {@link facetAggs}.
 * @returns the counts (folders: at most {@link FOLDER_FACETS}, '' for objects directly in the prefix).
 */
export function readFacetAggs(aggregations: Record<string, AggAnswer> | undefined, fields: [string, FieldMapping][]): IndexFacets {
  const out: IndexFacets = { user_meta: {}, values: {}, folder: {} };
  const meta = aggregations?.meta?.buckets;
  if (meta && !Array.isArray(meta)) {
    for (const [field, { doc_count }] of Object.entries(meta)) if (doc_count > 0) out.user_meta[field] = doc_count;
  }
  fields.forEach(([name, mapping], i) => {
    const buckets = aggregations?.[`v${i}`]?.buckets;
    if (!Array.isArray(buckets) || buckets.length === 0) return;
    const counts: FacetCounts = {};
    for (const b of buckets) addCounts(counts, { [bucketValue(b, mapping.type)]: b.doc_count });
    out.values[name] = counts;
  });
  const folder = aggregations?.folder?.buckets;
  if (Array.isArray(folder)) for (const b of folder) out.folder[String(b.key)] = b.doc_count;
  const direct = aggregations?.direct?.doc_count ?? 0;
  if (direct > 0) out.folder[''] = direct;
  out.folder = topCounts(out.folder, FOLDER_FACETS);
  return out;
}
