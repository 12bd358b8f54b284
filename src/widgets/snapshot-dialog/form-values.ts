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
}

/** Checks of the form's fields: a message for a person when a value cannot be used, else null. */
export interface ISnapshotFormChecks {
  name(name: string): string | null;
  meta(text: string): string | null;
}

/** The problems of each field (null when fine). */
export interface ISnapshotFormProblems {
  message: string | null;
  name: string | null;
  meta: string | null;
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
    name: checks.name(values.name.trim()),
    meta: values.metaText.trim() ? checks.meta(values.metaText) : null
  };
}
