/**
 * The embedded backend's facets: SQL over the `docs` rows a search matches (its compiled filter),
 * each facet one grouped query, bounded as facets.ts says.
 */
import { addCounts, boundValues, FOLDER_FACETS, MAX_VALUE_CHARS, META_VALUES_ASKED, valueFields } from './facets';
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
  const metaRows = await db.all(
    `SELECT j.key AS value, count(*) AS n, sum(j.type = 'array') AS arrays FROM docs, json_each(docs.user_meta) AS j
     WHERE ${filter} AND json_type(docs.user_meta) = 'object' GROUP BY j.key ORDER BY n DESC LIMIT 50`,
    params
  );
  const meta = counts(metaRows);
  const fields = valueFields(meta);
  // The pass over arrays only for fields that hold one somewhere (most never do).
  const arrayFields = new Set(metaRows.filter(r => Number(r.arrays) > 0).map(r => String(r.value)));
  return {
    ext: counts(ext),
    user_meta: meta,
    folder: counts(folder),
    user_meta_values: fields.length
      ? await metaValues(
          db,
          filter,
          params,
          fields,
          fields.filter(f => arrayFields.has(f))
        )
      : {}
  };
}

/** A value's text on a chip: JSON true/false (atoms 1/0) as words, numbers as JavaScript writes them. */
function valueText(type: SqlValue, atom: SqlValue): string {
  return type === 'true' ? 'true' : type === 'false' ? 'false' : String(atom);
}

/**
 * Hits per value of some user_meta fields: a field's scalar value, or each distinct scalar in its
 * array (as OpenSearch indexes an array); objects, nulls and strings longer than
 * {@link MAX_VALUE_CHARS} are not counted. Two grouped passes (scalars, then arrays, which are
 * rarer), each cut to its top values per field in SQL, so a field with a value per document (an
 * id) costs one sort, not a row per document back to JavaScript.
 */
async function metaValues(
  db: SqlDatabase,
  filter: string,
  params: SqlValue[],
  fields: string[],
  arrayFields: string[]
): Promise<Record<string, FacetCounts>> {
  const inFields = (names: string[]) => `j.key IN (${names.map(() => '?').join(', ')})`;
  const countable = (t: string, a: string) => `${t} IN ${SCALAR} AND (${t} <> 'text' OR length(${a}) <= ${MAX_VALUE_CHARS})`;
  const top = (grouped: string) =>
    `SELECT field, vtype, vatom, n FROM (
       SELECT field, vtype, vatom, n, row_number() OVER (PARTITION BY field ORDER BY n DESC, vatom) AS r FROM (${grouped})
     ) WHERE r <= ${META_VALUES_ASKED}`;
  const scalars = top(
    `SELECT j.key AS field, j.type AS vtype, j.atom AS vatom, count(*) AS n FROM docs, json_each(docs.user_meta) AS j
     WHERE ${filter} AND json_type(docs.user_meta) = 'object' AND ${inFields(fields)} AND ${countable('j.type', 'j.atom')}
     GROUP BY field, vtype, vatom`
  );
  // DISTINCT per document: a value twice in one array counts the document once.
  const arrays = top(
    `SELECT field, vtype, vatom, count(*) AS n FROM (
       SELECT DISTINCT docs.id, j.key AS field, e.type AS vtype, e.atom AS vatom
       FROM docs, json_each(docs.user_meta) AS j, json_each(j.value) AS e
       WHERE ${filter} AND json_type(docs.user_meta) = 'object' AND ${inFields(arrayFields)} AND j.type = 'array' AND ${countable('e.type', 'e.atom')}
     ) GROUP BY field, vtype, vatom`
  );
  const values: Record<string, FacetCounts> = {};
  const passes: [string, string[]][] = [[scalars, fields], ...(arrayFields.length ? [[arrays, arrayFields] as [string, string[]]] : [])];
  for (const [sql, names] of passes) {
    for (const row of await db.all(sql, [...params, ...names])) {
      addCounts((values[String(row.field)] ??= {}), { [valueText(row.vtype, row.vatom)]: Number(row.n) });
    }
  }
  return boundValues(values, fields);
}
