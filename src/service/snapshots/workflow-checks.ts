/**
 * A workflow's checks of a push, as quilt3's `workflows.validate` runs them, and the `workflow`
 * value it records in the manifest header:
 * `{"id": <id or null>, "config": <config's physical key>, "schemas"?: {<schema id>: <physical key>}}`
 * (`schemas` only when the workflow loaded some). The checks, in quilt3's order: a message when
 * `is_message_required` (Python's `not message`: empty counts as none); the package name against
 * `handle_pattern` (`re.search`); the package metadata (`pkg.meta`: the header's `user_meta`, `{}`
 * when absent) against `metadata_schema`; and `[{logical_key, size, meta}]` of every entry in
 * tree order (`meta` = the entry's `user_meta`, `{}` when absent) against `entries_schema`.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { isJsonObject, toPlainJson } from './json-values';
import type { JsonValue, ManifestEntry } from './types';
import { chooseWorkflow, configError, readWorkflowConfig, WorkflowConfig, WorkflowSelection } from './workflow-config';
import { LoadedSchema, WorkflowSchemas } from './workflow-schemas';
import { schemaErrorText } from './workflow-schema-errors';

/** What a snapshot checks and records for a registry with a workflows config. */
export interface WorkflowChecks {
  /** The header's `workflow` value. */
  header: { id: string | null; config: string; schemas?: Record<string, string> };
  /** Check the message, name and metadata (before anything is listed). */
  checkPackage(args: { name: string; message: string | null; meta: JsonValue | undefined }): void;
  /** Check the entries (after hashing, before anything is written). */
  checkEntries(entries: readonly ManifestEntry[]): void;
}

/**
 * A Python regular expression as a JavaScript one, for `handle_pattern` (named groups and `\A`,
 * `\Z` are the differences that matter in practice).
 * @param pattern - Python's pattern.
 * @returns the RegExp.
 */
export function pythonRegExp(pattern: string): RegExp {
  const js = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/(^|[^\\])\\A/g, '$1^')
    .replace(/(^|[^\\])\\Z/g, '$1$');
  try {
    return new RegExp(js, 'u');
  } catch {
    return new RegExp(js);
  }
}

/**
 * A JSON value as a schema validator reads it: numbers kept as written become numbers.
 * @param value - a value that may hold LosslessNumbers.
 * @returns plain JSON.
 */
function plain(value: JsonValue): unknown {
  return JSON.parse(JSON.stringify(toPlainJson(value) ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
}

/**
 * The value quilt3 validates against `entries_schema`.
 * @param entries - the entries, in tree order.
 * @returns `[{logical_key, size, meta}]`.
 */
export function entriesForValidation(entries: readonly ManifestEntry[]): unknown[] {
  return entries.map(e => ({
    logical_key: e.logical_key,
    size: e.size,
    meta: isJsonObject(e.meta) && 'user_meta' in e.meta ? plain(e.meta.user_meta) : {}
  }));
}

/**
 * The error of a failed check.
 * @param config - the config.
 * @param id - the workflow.
 * @param check - which check (for `params`).
 * @param message - what failed.
 * @param hint - what to do.
 * @returns an `InvalidInput` error (code `WorkflowCheckFailed`).
 */
function checkFailed(config: WorkflowConfig, id: string, check: string, message: string, hint: string): HeliumError {
  return new HeliumError('InvalidInput', `${message} (workflow "${id}" of bucket "${config.bucket}"). Nothing was written.`, {
    code: 'WorkflowCheckFailed',
    hint,
    params: { workflow: id, check }
  });
}

/**
 * Read the registry's workflows config, choose the workflow and load its schemas, as quilt3's
 * `get_workflow_validator` does before any check runs.
 * @param s3 - the client.
 * @param bucket - the registry's bucket.
 * @param selection - the user's choice (see {@link WorkflowSelection}).
 * @param signal - cancels reads.
 * @returns undefined when the bucket has no config and no workflow was asked for.
 * @throws HeliumError `InvalidInput` (codes `WorkflowConfigMissing`, `WorkflowConfigInvalid`,
 *   `WorkflowRequired`, `WorkflowUnknown`), `AccessDenied`, `Network`, `Cancelled`…
 */
export async function prepareWorkflow(
  s3: S3Client,
  bucket: string,
  selection: WorkflowSelection,
  signal?: AbortSignal
): Promise<WorkflowChecks | undefined> {
  const config = await readWorkflowConfig(s3, bucket, signal);
  if (config === undefined) {
    if (selection === undefined) {
      return undefined;
    }
    throw new HeliumError(
      'InvalidInput',
      `${selection === null ? 'No workflow' : `The workflow "${selection}"`} was asked for, but bucket "${bucket}" has no Quilt workflows config (.quilt/workflows/config.yml). Nothing was written.`,
      { code: 'WorkflowConfigMissing', hint: 'Leave the workflow out (no --workflow).' }
    );
  }
  const { id, definition } = chooseWorkflow(config, selection);
  let namePattern: RegExp | undefined;
  if (definition.handle_pattern) {
    try {
      namePattern = pythonRegExp(definition.handle_pattern);
    } catch (cause) {
      throw configError(config.physicalKey, `the handle_pattern of workflow "${id}" is not a regular expression helium can read.`, cause);
    }
  }
  const schemas = new WorkflowSchemas(s3, config, signal);
  const metadataSchema = definition.metadata_schema ? await schemas.load(definition.metadata_schema) : undefined;
  const entriesSchema = definition.entries_schema ? await schemas.load(definition.entries_schema) : undefined;
  const header: WorkflowChecks['header'] = { id, config: config.physicalKey };
  if (schemas.loaded.size > 0) {
    header.schemas = Object.fromEntries([...schemas.loaded].map(([schemaId, s]) => [schemaId, s.physicalKey]));
  }
  const wf = id ?? '';
  const schemaText = (kind: string, schema: LoadedSchema): string => `the ${kind} "${schema.id}" (${schema.physicalKey})`;
  return {
    header,
    checkPackage({ name, message, meta }) {
      if (definition.is_message_required && !message) {
        throw checkFailed(config, wf, 'message', 'A message is required for every package', 'Give the snapshot a message.');
      }
      if (namePattern && !namePattern.test(name)) {
        throw checkFailed(
          config,
          wf,
          'name',
          `The package name "${name}" does not match the workflow's handle_pattern ${JSON.stringify(definition.handle_pattern)}`,
          'Choose a package name that matches it.'
        );
      }
      if (metadataSchema && !metadataSchema.validate(meta === undefined ? {} : plain(meta))) {
        throw checkFailed(
          config,
          wf,
          'metadata',
          `The package metadata fails ${schemaText('metadata_schema', metadataSchema)}: ${schemaErrorText(metadataSchema.validate.errors ?? [], 'the metadata')}`,
          'Change the metadata so that it passes the schema.'
        );
      }
    },
    checkEntries(entries) {
      if (!entriesSchema) {
        return;
      }
      const value = entriesForValidation(entries);
      if (!entriesSchema.validate(value)) {
        const file = (path: string): string => {
          const entry = entries[Number(/^\/(\d+)/.exec(path)?.[1] ?? NaN)];
          return entry === undefined ? '' : ` (file "${entry.logical_key}")`;
        };
        throw checkFailed(
          config,
          wf,
          'entries',
          `The snapshot's files fail ${schemaText('entries_schema', entriesSchema)}: ${schemaErrorText(entriesSchema.validate.errors ?? [], 'the entries', file)}`,
          'Change the folder (its files, their sizes or metadata) so that it passes the schema.'
        );
      }
    }
  };
}
