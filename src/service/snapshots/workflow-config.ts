/**
 * A registry's Quilt workflows config (`.quilt/workflows/config.yml`), as far as a snapshot needs
 * it. quilt3 (`workflows/__init__.py`) refuses to push a package to such a registry unless it
 * passes a workflow's checks (a metadata or entries JSON Schema, a name pattern, a message), and
 * records `"workflow": {"id", "config": <config's physical key>, "schemas"?}` in the header.
 *
 * helium does not run those checks. So a snapshot goes on only where quilt3 would need none:
 * the config says `is_workflow_required: false` and names no `default_workflow`; then the header
 * gets what quilt3 writes there, `{"id": null, "config": "s3://…/config.yml?versionId=…"}`.
 * Anywhere else it is refused before anything is listed, rather than written around the bucket's
 * policy. Only those two top-level keys are read (YAML 1.1 booleans, as PyYAML reads them).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError } from '../error-class';
import { getObjectText } from '../objects-read';
import { formatPhysicalKey } from './manifest';
import { QUILT_PREFIX } from './names';
import type { JsonValue } from './types';

/** Where quilt3 reads the workflows config of a registry. */
export const WORKFLOW_CONFIG_KEY = `${QUILT_PREFIX}workflows/config.yml`;

/** `is_workflow_required` set to a YAML false at the top level (quilt3's default is true). */
const NOT_REQUIRED = /^is_workflow_required[ \t]*:[ \t]*(false|False|FALSE|no|No|NO|off|Off|OFF)[ \t]*(#.*)?$/m;
/** A top-level `default_workflow` other than null. */
const DEFAULT_WORKFLOW = /^default_workflow[ \t]*:[ \t]*(?!(null|Null|NULL|~)?[ \t]*(#.*)?$)\S/m;

/**
 * The `workflow` a snapshot's header must hold, from the registry's workflows config.
 * @param s3 - the client.
 * @param bucket - the registry's bucket.
 * @param signal - cancels the read.
 * @returns undefined when the bucket has no workflows config; else quilt3's header value for a
 *   package pushed with no workflow.
 * @throws HeliumError `InvalidInput` (code `WorkflowRequired`) when quilt3 would require a
 *   workflow's checks; `AccessDenied`, `Network`, `Cancelled`…
 */
export async function snapshotWorkflow(s3: S3Client, bucket: string, signal?: AbortSignal): Promise<JsonValue | undefined> {
  let config: Awaited<ReturnType<typeof getObjectText>>;
  try {
    config = await getObjectText(s3, { bucket, key: WORKFLOW_CONFIG_KEY, signal });
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
  const where = formatPhysicalKey({ bucket, key: WORKFLOW_CONFIG_KEY });
  if (!NOT_REQUIRED.test(config.text) || DEFAULT_WORKFLOW.test(config.text)) {
    throw new HeliumError(
      'InvalidInput',
      `Bucket "${bucket}" has a Quilt workflows config (${where}) that makes every package pass a workflow's checks (metadata schema, name, message); helium cannot run them yet, so it writes no snapshot there. Nothing was changed. Push the folder with quilt3 (Package().set_dir(...).push(name, registry="s3://${bucket}", workflow=...)), or snapshot it in another bucket.`,
      { code: 'WorkflowRequired' }
    );
  }
  const versionId = config.info.versionId;
  return { id: null, config: formatPhysicalKey({ bucket, key: WORKFLOW_CONFIG_KEY, ...(versionId ? { versionId } : {}) }) };
}
