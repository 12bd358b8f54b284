/**
 * A registry's Quilt workflows config (`.quilt/workflows/config.yml`): read, parsed and checked as
 * quilt3 does (`quilt3/workflows/__init__.py`, `WorkflowConfig.load`), and the choice of a
 * workflow for a push (`get_workflow_validator`). What a workflow then checks is
 * workflow-checks.ts.
 *
 * Parsed as YAML 1.1, as PyYAML's `safe_load` reads it (`yes`/`off` are booleans, a repeated key
 * keeps its last value), then validated against quilt3's own config schema
 * (workflows-config.schema.json, a copy of quilt3's `config-1.schema.json`, Apache-2.0) with
 * formats unchecked, as quilt3's `Draft7Validator` without a format checker does.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { HeliumError, isHeliumError } from '../error-class';
import { getObjectText } from '../objects-read';
import { formatPhysicalKey } from './manifest';
import { QUILT_PREFIX } from './names';
import CONFIG_SCHEMA from './workflows-config.schema.json';
import { schemaErrorText } from './workflow-schema-errors';

/** Where quilt3 reads the workflows config of a registry. */
export const WORKFLOW_CONFIG_KEY = `${QUILT_PREFIX}workflows/config.yml`;

/** The newest config version quilt3 (and so helium) supports (`CONFIG_DATA_VERSION`). */
const SUPPORTED_VERSION = [1, 1, 0];

/** One workflow of a config (quilt3's keys). */
export interface WorkflowDefinition {
  name: string;
  description?: string;
  handle_pattern?: string;
  metadata_schema?: string;
  entries_schema?: string;
  is_message_required?: boolean;
}

/** A config as its schema allows it. */
export interface WorkflowConfigData {
  version: string | { base: string; catalog?: string };
  is_workflow_required?: boolean;
  default_workflow?: string;
  workflows: Record<string, WorkflowDefinition>;
  schemas?: Record<string, { url: string }>;
}

/** A registry's workflows config and where it was read. */
export interface WorkflowConfig {
  bucket: string;
  /** The config's physical key as quilt3 records it (`s3://bucket/.quilt/workflows/config.yml?versionId=…`). */
  physicalKey: string;
  data: WorkflowConfigData;
}

/**
 * The workflow of a push: a workflow id; `null` for none (allowed only when the config does not
 * require one); `undefined` for quilt3's default (`workflow=...`: the config's
 * `default_workflow`, else none).
 */
export type WorkflowSelection = string | null | undefined;

/** The workflow chosen for a push. */
export interface ChosenWorkflow {
  /** Its id; null for none (the header's `workflow.id` is then null). */
  id: string | null;
  /** Its definition; `{}` for none. */
  definition: Partial<WorkflowDefinition>;
}

/**
 * The error of a config quilt3 would not load.
 * @param where - the config's physical key.
 * @param what - what is wrong.
 * @param cause - the underlying error.
 * @returns an `InvalidInput` error (code `WorkflowConfigInvalid`).
 */
export function configError(where: string, what: string, cause?: unknown): HeliumError {
  return new HeliumError('InvalidInput', `The Quilt workflows config ${where} is not valid: ${what} Nothing was written.`, {
    code: 'WorkflowConfigInvalid',
    hint: 'Fix the config (see https://docs.quilt.bio/advanced/workflows), or ask whoever manages the bucket.',
    cause
  });
}

let configValidator: ReturnType<Ajv['compile']> | undefined;

/**
 * Parse and check a workflows config as quilt3's `WorkflowConfig.load` does.
 * @param text - the YAML.
 * @param where - the config's physical key, for messages.
 * @returns the config data.
 * @throws HeliumError `InvalidInput` (code `WorkflowConfigInvalid`).
 */
export function parseWorkflowConfig(text: string, where: string): WorkflowConfigData {
  let data: unknown;
  try {
    data = parseYaml(text, { version: '1.1', uniqueKeys: false });
  } catch (cause) {
    throw configError(where, `it is not YAML (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}).`, cause);
  }
  configValidator ??= new Ajv({ strict: false, validateFormats: false }).compile(CONFIG_SCHEMA);
  if (!configValidator(data)) {
    throw configError(where, `${schemaErrorText(configValidator.errors ?? [], 'the config')}.`);
  }
  const config = data as WorkflowConfigData;
  const versionText = typeof config.version === 'string' ? config.version : config.version.base;
  const version = [...versionText.split('.').map(Number), 0, 0].slice(0, 3);
  const newer = version.findIndex((part, i) => part !== SUPPORTED_VERSION[i]);
  if (newer >= 0 && version[newer] > SUPPORTED_VERSION[newer]) {
    throw configError(where, `its version "${versionText}" is newer than the ${SUPPORTED_VERSION.join('.')} helium and quilt3 support.`);
  }
  return config;
}

/**
 * Read a registry's workflows config.
 * @param s3 - the client.
 * @param bucket - the registry's bucket.
 * @param signal - cancels the read.
 * @returns undefined when the bucket has none.
 * @throws HeliumError `InvalidInput` (code `WorkflowConfigInvalid`), `AccessDenied`, `Network`, `Cancelled`…
 */
export async function readWorkflowConfig(s3: S3Client, bucket: string, signal?: AbortSignal): Promise<WorkflowConfig | undefined> {
  let read: Awaited<ReturnType<typeof getObjectText>>;
  try {
    read = await getObjectText(s3, { bucket, key: WORKFLOW_CONFIG_KEY, signal });
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
  const versionId = read.info.versionId;
  const physicalKey = formatPhysicalKey({ bucket, key: WORKFLOW_CONFIG_KEY, ...(versionId ? { versionId } : {}) });
  return { bucket, physicalKey, data: parseWorkflowConfig(read.text, physicalKey) };
}

/**
 * How to name a workflow on the command line and in quilt3, for messages.
 * @param config - the config.
 * @returns e.g. `"alpha" (Alpha), "beta" (Beta)`.
 */
export function workflowList(config: WorkflowConfigData): string {
  return Object.entries(config.workflows)
    .map(([id, w]) => `"${id}" (${w.name})`)
    .join(', ');
}

/**
 * Choose the workflow of a push as quilt3's `get_workflow_validator` does.
 * @param config - the registry's config.
 * @param selection - what the user asked for (see {@link WorkflowSelection}).
 * @returns the workflow.
 * @throws HeliumError `InvalidInput`: code `WorkflowRequired` (none chosen, none allowed),
 *   `WorkflowUnknown` (no such id).
 */
export function chooseWorkflow(config: WorkflowConfig, selection: WorkflowSelection): ChosenWorkflow {
  const id = selection === undefined ? (config.data.default_workflow ?? null) : selection;
  const ids = workflowList(config.data);
  if (id === null) {
    if (config.data.is_workflow_required ?? true) {
      throw new HeliumError(
        'InvalidInput',
        `Bucket "${config.bucket}" requires a Quilt workflow for every package (${config.physicalKey}), and none was chosen${config.data.default_workflow === undefined ? ' (the config names no default_workflow)' : ''}. Its workflows: ${ids}. Nothing was written.`,
        { code: 'WorkflowRequired', hint: 'Choose one: helium snapshot --workflow ID, or the Workflow field of the Snapshot dialog.' }
      );
    }
    return { id: null, definition: {} };
  }
  if (!Object.prototype.hasOwnProperty.call(config.data.workflows, id)) {
    throw new HeliumError(
      'InvalidInput',
      `There is no workflow "${id}" in the Quilt workflows config of bucket "${config.bucket}" (${config.physicalKey}). Its workflows: ${ids}. Nothing was written.`,
      { code: 'WorkflowUnknown', hint: 'Choose one of those ids (helium snapshot --workflow ID).' }
    );
  }
  return { id, definition: config.data.workflows[id] };
}

/** One workflow as the snapshot dialog offers it. */
export interface WorkflowChoice {
  id: string;
  /** Its display name (quilt3's `name`). */
  name: string;
  description?: string;
  /** `handle_pattern` (a Python regular expression), if any. */
  handlePattern?: string;
  messageRequired: boolean;
  /** The schema ids it checks metadata and entries with, if any. */
  metadataSchema?: string;
  entriesSchema?: string;
}

/** The workflows of a registry, for a person choosing one. */
export interface WorkflowChoices {
  /** The config's physical key. */
  config: string;
  /** Whether a package must pass a workflow (`is_workflow_required`, default true). */
  required: boolean;
  /** `default_workflow`, or null. */
  defaultWorkflow: string | null;
  workflows: WorkflowChoice[];
}

/**
 * The workflows a person may choose from, in the config's order.
 * @param config - the registry's config.
 * @returns the choices.
 */
export function workflowChoices(config: WorkflowConfig): WorkflowChoices {
  return {
    config: config.physicalKey,
    required: config.data.is_workflow_required ?? true,
    defaultWorkflow: config.data.default_workflow ?? null,
    workflows: Object.entries(config.data.workflows).map(([id, w]) => ({
      id,
      name: w.name,
      ...(w.description !== undefined ? { description: w.description } : {}),
      ...(w.handle_pattern ? { handlePattern: w.handle_pattern } : {}),
      messageRequired: w.is_message_required ?? false,
      ...(w.metadata_schema ? { metadataSchema: w.metadata_schema } : {}),
      ...(w.entries_schema ? { entriesSchema: w.entries_schema } : {})
    }))
  };
}
