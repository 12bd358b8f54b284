/**
 * The JSON Schemas a workflow names (`metadata_schema`, `entries_schema`: ids in the config's
 * `schemas`, each with a `url`), loaded as quilt3's `WorkflowConfig.make_validator_from_schema`
 * does: the URL must be `s3://bucket/key` (optionally `?versionId=…`; a relative or `https://`
 * URL is refused, as quilt3's `PhysicalKey.from_url` refuses it), the schema must not use `$ref`,
 * its `$schema` (when given) must be draft-07, and the schema must be a valid draft-07 schema.
 * Formats are not checked (jsonschema's default). The version read is what the header records.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import Ajv, { type ValidateFunction } from 'ajv';
import { HeliumError, isHeliumError } from '../error-class';
import { getObjectText } from '../objects-read';
import { formatPhysicalKey, parsePhysicalKey, type PhysicalKey } from './manifest';
import { configError, WorkflowConfig } from './workflow-config';
import { schemaErrorText } from './workflow-schema-errors';

/** The only meta-schema quilt3 accepts in `$schema` (`SUPPORTED_META_SCHEMAS`). */
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** A loaded schema. */
export interface LoadedSchema {
  id: string;
  /** The version read, as the header's `workflow.schemas` records it. */
  physicalKey: string;
  validate: ValidateFunction;
}

/**
 * The location of a schema URL, as quilt3's `PhysicalKey.from_url` reads it.
 * @param url - the config's `url`.
 * @returns bucket, key and version; a text saying why not.
 */
function schemaLocation(url: string): PhysicalKey | string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? '';
  if (scheme === 'file') {
    return `a local schema ("${url}") cannot be used on a remote registry`;
  }
  const location = scheme === 's3' ? parsePhysicalKey(url) : undefined;
  if (location === undefined || location.bucket === '') {
    return `its URL "${url}" is not an s3://bucket/key URL`;
  }
  const query = /\?([^#]*)/.exec(url)?.[1] ?? '';
  // parse_qs keeps only pairs with a value; any but versionId is refused.
  const other = query.split('&').find(pair => /^[^=]*=./.test(pair) && !pair.startsWith('versionId='));
  if (other !== undefined) {
    return `its URL "${url}" has a query other than versionId`;
  }
  return location;
}

/**
 * Whether a parsed JSON value holds an object with a `$ref` key anywhere (quilt3 refuses them).
 * @param value - the schema.
 * @returns true when it does.
 */
function hasRef(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(hasRef);
  }
  if (value !== null && typeof value === 'object') {
    return '$ref' in value || Object.values(value).some(hasRef);
  }
  return false;
}

/** Loads a config's schemas once each (by id and by URL, as quilt3 caches them). */
export class WorkflowSchemas {
  private readonly _byUrl = new Map<string, LoadedSchema>();
  /** The schemas loaded, by id, in the order loaded (the header's `workflow.schemas`). */
  readonly loaded = new Map<string, LoadedSchema>();

  /**
   * @param s3 - the client.
   * @param config - the registry's config.
   * @param signal - cancels reads.
   */
  constructor(
    private readonly _s3: S3Client,
    private readonly _config: WorkflowConfig,
    private readonly _signal?: AbortSignal
  ) {}

  /**
   * The validator of a schema id.
   * @param id - an id of the config's `schemas`.
   * @returns the loaded schema.
   * @throws HeliumError `InvalidInput` (code `WorkflowConfigInvalid`) for a missing, unreadable or
   *   invalid schema; `AccessDenied`, `Network`, `Cancelled`…
   */
  async load(id: string): Promise<LoadedSchema> {
    const known = this.loaded.get(id);
    if (known) {
      return known;
    }
    const where = this._config.physicalKey;
    const entry = this._config.data.schemas?.[id];
    if (entry === undefined || !Object.prototype.hasOwnProperty.call(this._config.data.schemas, id)) {
      throw configError(where, `a workflow names the schema "${id}", which is not in its "schemas".`);
    }
    const location = schemaLocation(entry.url);
    if (typeof location === 'string') {
      throw configError(where, `the schema "${id}" cannot be loaded: ${location}.`);
    }
    const requested = formatPhysicalKey(location);
    let loaded = this._byUrl.get(requested);
    if (loaded === undefined) {
      loaded = await this._read(id, location);
      this._byUrl.set(requested, loaded);
    }
    this.loaded.set(id, loaded);
    return loaded;
  }

  /**
   * Read, parse and compile a schema.
   * @param id - its id, for messages.
   * @param location - where it is.
   * @returns the loaded schema.
   */
  private async _read(id: string, location: PhysicalKey): Promise<LoadedSchema> {
    const where = this._config.physicalKey;
    const url = formatPhysicalKey(location);
    let read: Awaited<ReturnType<typeof getObjectText>>;
    try {
      read = await getObjectText(this._s3, { ...location, signal: this._signal });
    } catch (err) {
      if (isHeliumError(err, 'NotFound')) {
        throw configError(where, `its schema "${id}" could not be read from ${url} (no such object or version).`, err);
      }
      if (isHeliumError(err, 'AccessDenied')) {
        throw new HeliumError(
          'AccessDenied',
          `Could not read the schema "${id}" of the Quilt workflows config ${where} at ${url}: access denied.`,
          {
            code: err.code,
            cause: err
          }
        );
      }
      throw err;
    }
    let schema: unknown;
    try {
      schema = JSON.parse(read.text);
    } catch (cause) {
      throw configError(where, `its schema "${id}" at ${url} is not JSON.`, cause);
    }
    if (hasRef(schema)) {
      throw configError(where, `its schema "${id}" at ${url} uses "$ref", which quilt3 does not support in workflow schemas.`);
    }
    const metaSchema = schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>).$schema : undefined;
    if (metaSchema !== undefined && metaSchema !== DRAFT_07) {
      throw configError(
        where,
        `its schema "${id}" at ${url} has "$schema": ${JSON.stringify(metaSchema)}; quilt3 supports only "${DRAFT_07}".`
      );
    }
    const ajv = new Ajv({ strict: false, validateFormats: false, validateSchema: false });
    if (!(await ajv.validateSchema(schema as object))) {
      throw configError(
        where,
        `its schema "${id}" at ${url} is not a valid JSON Schema: ${schemaErrorText(ajv.errors ?? [], 'the schema')}.`
      );
    }
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(schema as object);
    } catch (cause) {
      throw configError(
        where,
        `its schema "${id}" at ${url} cannot be compiled: ${cause instanceof Error ? cause.message : String(cause)}.`,
        cause
      );
    }
    const versionId = read.info.versionId;
    return { id, physicalKey: formatPhysicalKey({ ...location, versionId: versionId || undefined }), validate };
  }
}
