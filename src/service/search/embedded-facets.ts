/**
 * The embedded backend's facets: SQL over the `docs` rows a search matches (its compiled filter),
 * each facet one grouped query, bounded as facets.ts says.
 */
import { boundValues, FOLDER_FACETS, MAX_VALUE_CHARS, META_VALUES, valueFields } from './facets';
import type { SqlDatabase, SqlRow, SqlValue } from './sql';
import type { FacetCounts, SearchFacetCounts } from './types';

/** Counts from `value, n` rows. */
function counts(rows: SqlRow[]): FacetCounts {
  const out: FacetCounts = {};
  for (const row of rows) {
    out[String(row.value)] = Number(row.n);
  }
  return out;
}

/** JSON types whose values are counted (scalars; `null` is not a value worth a chip). */
const SCALAR = `('text', 'integer', 'real', 'true', 'false')`;

/**
 * Count the facets of the documents a filter matches.
 * @param db - the index.
 * @param filter - the search's SQL condition over `docs`.
 * @param params - its parameters.
 * @param prefix - the search's key prefix ('' for the whole bucket).
 * @returns the facets.
 */
export async function facetCounts(db: SqlDatabase, filter: string, params: SqlValue[], prefix: string): Promise<SearchFacetCounts> {
  const ext = await db.all(
    `SELECT ext AS value, count(*) AS n FROM docs WHERE ${filter} AND docs.type = 'object' GROUP BY ext ORDER BY n DESC LIMIT 50`,
    params
  );
  // SQLite's substr counts characters (code points), not UTF-16 units.
  const skip = [...prefix].length;
  const rest = `substr(docs.key, ${skip + 1})`;
  const folder = await db.all(
    `SELECT CASE WHEN instr(${rest}, '/') = 0 THEN '' ELSE substr(docs.key, 1, ${skip} + instr(${rest}, '/')) END AS value, count(*) AS n
     FROM docs WHERE ${filter} AND docs.type = 'object' GROUP BY value ORDER BY n DESC, value LIMIT ${FOLDER_FACETS}`,
    params
  );
  const meta = counts(
    await db.all(
      `SELECT j.key AS value, count(*) AS n FROM docs, json_each(docs.user_meta) AS j
       WHERE ${filter} AND json_type(docs.user_meta) = 'object' GROUP BY j.key ORDER BY n DESC LIMIT 50`,
      params
    )
  );
  const fields = valueFields(meta);
  return { ext: counts(ext), user_meta: meta, folder: counts(folder), user_meta_values: fields.length ? await metaValues(db, filter, params, fields) : {} };
}

/**
 * Hits per value of some user_meta fields, in one pass over the matching documents: a field's
 * scalar value, or each scalar in its array (as OpenSearch indexes an array), counted once per
 * document; objects, nulls and strings longer than {@link MAX_VALUE_CHARS} are not counted.
 */
async function metaValues(db: SqlDatabase, filter: string, params: SqlValue[], fields: string[]): Promise<Record<string, FacetCounts>> {
  const rows = await db.all(
    `WITH fields AS (
       SELECT docs.id AS id, j.key AS field, j.type AS type, j.atom AS atom, j.value AS json
       FROM docs, json_each(docs.user_meta) AS j
       WHERE ${filter} AND json_type(docs.user_meta) = 'object' AND j.key IN (${fields.map(() => '?').join(', ')})
     ),
     leaves AS (
       SELECT id, field, type, atom FROM fields WHERE type IN ${SCALAR}
       UNION ALL
       SELECT f.id, f.field, e.type, e.atom FROM fields AS f, json_each(f.json) AS e WHERE f.type = 'array' AND e.type IN ${SCALAR}
     ),
     grouped AS (
       SELECT field, CASE type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(atom AS TEXT) END AS value, count(DISTINCT id) AS n
       FROM leaves WHERE type <> 'text' OR length(atom) <= ${MAX_VALUE_CHARS} GROUP BY field, value
     )
     SELECT field, value, n FROM (
       SELECT field, value, n, row_number() OVER (PARTITION BY field ORDER BY n DESC, value) AS r FROM grouped
     ) WHERE r <= ${META_VALUES}`,
    [...params, ...fields]
  );
  const values: Record<string, FacetCounts> = {};
  for (const row of rows) {
    (values[String(row.field)] ??= {})[String(row.value)] = Number(row.n);
  }
  return boundValues(values, fields);
}
