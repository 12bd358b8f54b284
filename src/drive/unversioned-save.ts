/**
 * Saving over an object in a bucket that keeps no versions replaces it for good: the one write
 * through the drive that loses data. The drive asks first (once per bucket in a session), through
 * a question the plugin lends it (a JupyterLab dialog); without one, or where S3 will not say
 * whether the bucket keeps versions, it saves as JupyterLab does on a disk.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Engine } from '../models/engine';
import { formatS3Uri } from '../service/uri';
import type { VersioningState } from '../service/versioning';

/** What the question is about. */
export interface IUnversionedSave {
  connection: string;
  bucket: string;
  key: string;
  /** `Off` (never turned on) or `Suspended`. */
  versioning: Exclude<VersioningState, 'Enabled'>;
}

/** Asks whether to replace the object anyway; true to save. */
export type AskUnversionedSave = (save: IUnversionedSave) => Promise<boolean>;

/**
 * The error JupyterLab takes for "the person cancelled": its document context rethrows it without
 * an error dialog, and the Save command ignores it.
 * @param message - why nothing was saved.
 * @returns the error.
 */
function saveCancelled(message: string): Error {
  return Object.assign(new Error(message), { name: 'ModalCancelError' });
}

/**
 * The question's words.
 * @param save - the object and the bucket's state.
 * @param trans - the translations.
 * @returns title, body and the button that saves.
 */
export function unversionedSaveQuestion(save: IUnversionedSave, trans: TranslationBundle): { title: string; body: string; accept: string } {
  const uri = formatS3Uri({ bucket: save.bucket, key: save.key });
  const body =
    save.versioning === 'Suspended'
      ? trans.__(
          'Bucket %1 has versioning suspended: saving replaces %2, and what it holds now cannot be brought back. You are asked once per bucket in this session.',
          save.bucket,
          uri
        )
      : trans.__(
          'Bucket %1 does not keep versions: saving replaces %2, and what it holds now cannot be brought back. You are asked once per bucket in this session.',
          save.bucket,
          uri
        );
  return { title: trans.__('Replace for good?'), body, accept: trans.__('Save Anyway') };
}

/** Remembers, per connection and bucket, what S3 said and what the person answered. */
export class UnversionedSaveGuard {
  /**
   * @param ask - the question; none: never ask.
   */
  constructor(private readonly _ask?: AskUnversionedSave) {}

  /**
   * Ask before replacing an object in a bucket without versions; resolve when the save may go on.
   * @param lib - the engine.
   * @param s3 - the connection's client.
   * @param target - the object about to be replaced.
   * @throws a `ModalCancelError` when the person says no.
   */
  async check(lib: Engine, s3: S3Client, target: { connection: string; bucket: string; key: string }): Promise<void> {
    if (!this._ask) {
      return;
    }
    const bucketId = `${target.connection}\u0000${target.bucket}`;
    if (this._agreed.has(bucketId)) {
      return;
    }
    let state = this._states.get(bucketId);
    if (!state) {
      state = lib.getBucketVersioning(s3, target.bucket).catch(() => null);
      this._states.set(bucketId, state);
    }
    const versioning = await state;
    if (versioning === null || versioning === 'Enabled') {
      // Versions kept (or S3 will not say: no s3:GetBucketVersioning): nothing to ask.
      return;
    }
    if (!(await this._ask({ ...target, versioning }))) {
      throw saveCancelled(`Not saved: ${target.bucket} keeps no versions, and replacing ${target.key} was cancelled.`);
    }
    this._agreed.add(bucketId);
  }

  private readonly _states = new Map<string, Promise<VersioningState | null>>();
  private readonly _agreed = new Set<string>();
}
