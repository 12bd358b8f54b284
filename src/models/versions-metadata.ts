/**
 * Editing the T4 user metadata of a version: what the editor starts from (read fresh from S3,
 * never from a display that may not have loaded: saving "{}" by accident would wipe it) and what
 * it checks as you type. Saving is `VersionsModel.writeUserMeta`.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ParsedMetadata } from '../service';
import type { IHeliumConnections } from '../tokens';
import { loadEngine } from './engine';
import { HELIUM_METADATA_KEY } from '../service/values/header';
import { IMetadataContext, metadataTextProblem } from './metadata-check';
import type { IVersionTarget } from './versions';

/** What the metadata editor starts from and how it checks the text. */
export interface IMetadataEdit {
  /** The version's `user_meta` now (`{}` when it has none). */
  userMeta: unknown;
  /** The editor's text: that `user_meta`, indented, numbers as stored (2^64 stays whole, 1.0 stays 1.0). */
  text: string;
  /** The header's target and the other user metadata the save keeps. */
  context: IMetadataContext;
  /**
   * The problem with the text as typed (JSON syntax, S3's 2 KB), or null when it can be saved.
   * @param text - the text.
   */
  check(text: string): string | null;
  /**
   * The text as metadata.
   * @param text - the text.
   * @returns `{value}`, or `{error}` naming the line and column.
   */
  parse(text: string): ParsedMetadata;
}

/**
 * Read a version's metadata for editing.
 * @param connections - the S3 clients.
 * @param target - the object.
 * @param versionId - the version.
 * @param trans - translations, for the editor's check.
 * @returns what the editor starts from.
 * @throws Error when the metadata cannot be read, or its `helium` header is not a JSON object.
 */
export async function readMetadataForEdit(
  connections: Pick<IHeliumConnections, 'client'>,
  target: IVersionTarget,
  versionId: string,
  trans: TranslationBundle
): Promise<IMetadataEdit> {
  const [lib, s3] = await Promise.all([loadEngine(), connections.client(target.connection)]);
  const meta = await lib.readObjectMetadata(s3, { bucket: target.bucket, key: target.key, versionId });
  if (meta.heliumProblem) {
    throw new Error(meta.heliumProblem);
  }
  // Without a header, the save names the format from the key: 'bytes' is the shortest name,
  // so a text that fits here may still be a few bytes over there (the save says so).
  const context: IMetadataContext = { target: meta.helium?.target ?? 'bytes', others: meta.otherUserMetadata };
  return {
    userMeta: meta.helium?.user_meta ?? {},
    text: lib.userMetaEditText(meta.info.userMetadata[HELIUM_METADATA_KEY]),
    context,
    check: text => metadataTextProblem(text, lib.parseMetadataJsonLossless, context, trans),
    parse: text => lib.parseMetadataJsonLossless(text)
  };
}
