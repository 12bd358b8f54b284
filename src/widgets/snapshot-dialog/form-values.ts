/** What the "Snapshot Folder…" form collects, and its checks. */
import type { TranslationBundle } from '@jupyterlab/translation';

/** What the form collects. */
export interface ISnapshotFormValues {
  message: string;
  /** Package name, `namespace/name`. */
  name: string;
  /** Metadata as typed (JSON), or '' for none. */
  metaText: string;
  /** Record lineage from the open notebook (offered only when one is open). */
  lineage?: boolean;
  /**
   * The Quilt workflow, when the bucket has a workflows config: an id, null for none, '' while
   * none is chosen where one is required; absent without a config.
   */
  workflow?: string | null;
}

/** A bucket's Quilt workflows, as the form offers them. */
export interface ISnapshotFormWorkflows {
  /** The config's `s3://` address. */
  config: string;
  required: boolean;
  defaultWorkflow: string | null;
  workflows: readonly {
    id: string;
    name: string;
    description?: string;
    handlePattern?: string;
    messageRequired: boolean;
    metadataSchema?: string;
    entriesSchema?: string;
  }[];
}

/** Checks of the form's fields: a message for a person when a value cannot be used, else null. */
export interface ISnapshotFormChecks {
  /** The name's problem, under the chosen workflow when there is one. */
  name(name: string, workflow?: string | null): string | null;
  meta(text: string): string | null;
}

/** The problems of each field (null when fine). */
export interface ISnapshotFormProblems {
  message: string | null;
  name: string | null;
  meta: string | null;
  workflow: string | null;
}

/**
 * Check the form.
 * @param values - what was typed.
 * @param checks - the service's rules for names and metadata.
 * @param trans - translations.
 * @returns the problem of each field.
 */
export function formProblems(values: ISnapshotFormValues, checks: ISnapshotFormChecks, trans: TranslationBundle): ISnapshotFormProblems {
  return {
    message: values.message.trim() ? null : trans.__('Say what this snapshot is (a message is required).'),
    name: checks.name(values.name.trim(), values.workflow),
    meta: values.metaText.trim() ? checks.meta(values.metaText) : null,
    workflow: values.workflow === '' ? trans.__('Choose a workflow: this bucket requires one for every snapshot.') : null
  };
}

/**
 * Whether any field has a problem.
 * @param problems - the problems of each field.
 * @returns true when the form cannot be sent.
 */
export function hasProblems(problems: ISnapshotFormProblems): boolean {
  return Boolean(problems.message || problems.name || problems.meta || problems.workflow);
}
