/**
 * Conditional saves of the `s3:` drive: a save replaces only the version the document was last
 * read or saved as, so someone else's write in between is never silently superseded (in a
 * versioned bucket it would become history nobody looked at; in one without versions it would be
 * lost).
 *
 * How the pieces fit with JupyterLab: before every save its document context asks the drive for
 * the object (`get`, no content) and compares the `hash` (our ETag) with the one it opened; a
 * different one shows its own "File Changed" dialog (Overwrite / Revert / Cancel). The drive
 * remembers the ETag of the last `get` or save of each path ({@link SeenEtags}), so the write then
 * carries `If-Match` on exactly what JupyterLab just checked (or what Overwrite just accepted): a
 * write by someone else between that check and the PUT makes S3 answer 412 and nothing is written.
 * The save of a new key carries `If-None-Match: *`.
 *
 * Servers without conditional writes: AWS S3 has them since 2024; a server or gateway that
 * answers 501 NotImplemented to the header gets the same write without it (and the drive still
 * compares the ETag of its own HEAD first), once per connection.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Engine } from '../models/engine';
import type { PutObjectOptions, PutResult } from '../service/objects-write';
import { formatS3Uri } from '../service/uri';
import type { IDriveLocation } from './paths';

/** How many paths' ETags are remembered (the documents of one session are far fewer). */
const SEEN_LIMIT = 2000;

/** The ETag each drive path was last read or saved as. */
export class SeenEtags {
  /**
   * Remember (or with no ETag, forget) what a path was read or saved as.
   * @param loc - the object.
   * @param etag - its ETag, without quotes; undefined when it is gone.
   */
  set(loc: IDriveLocation, etag: string | undefined): void {
    const id = locationId(loc);
    this._etags.delete(id);
    if (etag) {
      this._etags.set(id, etag);
      if (this._etags.size > SEEN_LIMIT) {
        this._etags.delete(this._etags.keys().next().value!);
      }
    }
  }

  /**
   * @param loc - the object.
   * @returns the ETag it was last read or saved as, or undefined when the drive never saw it.
   */
  get(loc: IDriveLocation): string | undefined {
    return this._etags.get(locationId(loc));
  }

  private readonly _etags = new Map<string, string>();
}

function locationId(loc: IDriveLocation): string {
  return `${loc.connection}\u0000${loc.bucket}\u0000${loc.key}`;
}

/** The drive's status for "changed on S3 meanwhile": what JupyterLab's contents API answers too. */
export const CHANGED_STATUS = 412;

/**
 * The error of a save refused because the object changed on S3 since the document read it.
 * @param loc - the object.
 * @param trans - translations.
 * @returns an error `contentsErrors` turns into a 412 response error.
 */
export function changedOnS3(loc: IDriveLocation, trans: TranslationBundle): Error {
  const uri = formatS3Uri({ bucket: loc.bucket, key: loc.key });
  const message = trans.__(
    '%1 changed on S3 since it was opened or last saved here (someone else wrote it). Nothing was saved. Save again to choose: Overwrite makes your content the newest version, Revert loads what is on S3 now.',
    uri
  );
  return Object.assign(new Error(message), { kind: 'Changed' });
}

/** What the write is conditional on: the bare ETag of the current version, or no object yet. */
export type SaveCondition = { ifMatch: string } | { ifNoneMatch: '*' };

/**
 * Whether a failed conditional write means "this server does not do conditions".
 * @param lib - the engine.
 * @param err - what the write threw.
 * @returns true for 501 NotImplemented.
 */
function conditionsUnsupported(lib: Engine, err: unknown): boolean {
  return lib.isHeliumError(err) && (err.code === 'NotImplemented' || err.status === 501);
}

/**
 * Writes on a condition, and remembers the connections whose server answered 501 to one: those
 * get the write without it after a HEAD that checks the same condition (a narrow race remains
 * there, as before conditions existed).
 */
export class ConditionalPuts {
  /**
   * Write an object on a condition.
   * @param lib - the engine.
   * @param s3 - the client.
   * @param loc - the object (its connection names the server).
   * @param options - the write, without its condition.
   * @param condition - the condition (none: a plain write).
   * @returns what the write produced.
   * @throws HeliumError `Conflict` when the condition does not hold; nothing was written.
   */
  async put(lib: Engine, s3: S3Client, loc: IDriveLocation, options: PutObjectOptions, condition?: SaveCondition): Promise<PutResult> {
    if (!condition) {
      return lib.putObject(s3, options);
    }
    if (!this._unsupported.has(loc.connection)) {
      try {
        return await lib.putObject(s3, { ...options, ...condition });
      } catch (err) {
        if (!conditionsUnsupported(lib, err)) {
          throw err;
        }
        console.warn(`jupyterlab-helium: the S3 server of connection "${loc.connection}" has no conditional writes; saving without them`);
        this._unsupported.add(loc.connection);
      }
    }
    const current = await lib.headCurrent(s3, { bucket: options.bucket, key: options.key });
    const holds = 'ifMatch' in condition ? current?.etag === condition.ifMatch : !current;
    if (!holds) {
      throw new lib.HeliumError('Conflict', `${formatS3Uri(options)} changed meanwhile; nothing was written.`, { status: 412 });
    }
    return lib.putObject(s3, options);
  }

  private readonly _unsupported = new Set<string>();
}
