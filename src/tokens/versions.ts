/**
 * The version history model as other plugins and extensions see it (`IVersionsModel`): the
 * versions of one object, the selected one, its metadata, and the actions on versions.
 * `VersionsModel` (models/versions.ts) implements it; the versions plugin provides it.
 */
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { ObjectMetadata, ObjectVersion } from '../service';
import type { VersioningState } from '../service/versioning';

/** The object whose history is shown. */
export interface IVersionTarget {
  connection: string;
  bucket: string;
  key: string;
}

/** The version history of one object. */
export interface IVersionsModel {
  /** Emitted whenever anything visible changes. */
  readonly changed: ISignal<IVersionsModel, void>;
  /** The object shown, or null. */
  readonly target: IVersionTarget | null;
  /** Versions (and delete markers) loaded so far, newest first. */
  readonly versions: readonly ObjectVersion[];
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly error: string | null;
  /** The bucket's versioning, once known. */
  readonly versioning: VersioningState | null;
  /** What the drawer says about the bucket's versioning, if anything. */
  readonly versioningNotice: string | null;
  readonly selected: ObjectVersion | null;
  /** The versions ticked for comparison. */
  readonly compareSelection: readonly ObjectVersion[];
  /** The newest version holding content (not a delete marker). */
  readonly latestContent: ObjectVersion | null;
  /** Whether the newest version is a delete marker. */
  readonly isDeleted: boolean;
  /** The selected version's metadata, once read. */
  readonly metadata: ObjectMetadata | null;
  readonly metadataError: string | null;

  /** Shows the history of an object (null: none). */
  show(target: IVersionTarget | null): Promise<void>;
  /** Lists the history again. */
  refresh(): Promise<void>;
  /** Loads the next page of versions. */
  loadMore(): Promise<void>;
  select(versionId: string): void;
  toggleCompare(versionId: string): void;
  /** The version with content before this one, or null. */
  previousContent(versionId: string): ObjectVersion | null;
  /**
   * Makes a version current again (a new version with its content).
   * @returns the new version's id.
   */
  restore(target: IVersionTarget, versionId: string): Promise<string | null>;
  /** Removes the delete marker on top of a deleted object. */
  undelete(target: IVersionTarget): Promise<void>;
  /** Deletes one version for good. */
  deleteVersion(target: IVersionTarget, versionId: string): Promise<void>;
  /**
   * Writes user metadata (a new version with it).
   * @returns the new version's id.
   */
  writeUserMeta(target: IVersionTarget, versionId: string, userMeta: unknown): Promise<string | undefined>;
}

/** Token of the version history model (provided by the versions plugin). */
export const IVersionsModel = new Token<IVersionsModel>(
  'jupyterlab-helium:IVersionsModel',
  'The version history of the object shown in the versions drawer, and the actions on versions.'
);
