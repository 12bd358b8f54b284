/**
 * The logic of *Copy Share Link…*, apart from JupyterLab's dialogs and clipboard: which object (or
 * version) a link is for, why a connection gives none, and asking for an expiry, having the
 * server sign the link, copying it and showing it. The server signs; the browser never holds a
 * credential.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { IHeliumConnections, IS3BrowserModel, IShareLink, IShareLinkRequest } from '../tokens';
import { expiryChoices, expiryText, IExpiryChoice, shareProblem } from '../models/share';
import { displayKey } from '../service/uri';

/** What a link is asked for: an object of a connection, maybe one version of it. */
export interface IShareTarget {
  connection: string;
  bucket: string;
  key: string;
  versionId?: string;
  /** How the version reads ("12 Mar 2026 14:02"), when one is given. */
  versionLabel?: string;
}

/** What the person is asked and shown. */
export interface IShareUi {
  /**
   * Asks how long the link works (and, for a version, whether it stays on that version).
   * @returns the answer, or null when cancelled.
   */
  askOptions(options: {
    title: string;
    target: IShareTarget;
    choices: IExpiryChoice[];
  }): Promise<{ expiresIn: number; pinVersion: boolean } | null>;
  /**
   * Copies text to the clipboard.
   * @returns whether it could.
   */
  copy(text: string): boolean;
  /** Shows the link, when it stops working, and whether it was copied. */
  showLink(options: { title: string; url: string; expiry: string; copied: boolean }): Promise<void>;
  /** Tells the person something went wrong. */
  error(title: string, message: string): Promise<void>;
}

/** What the share command works with. */
export interface IShareContext {
  model: IS3BrowserModel;
  connections: IHeliumConnections;
  ui: IShareUi;
  trans: TranslationBundle;
}

/**
 * The object the command acts on: the one its args name (with a version, from the versions
 * drawer), else the object selected in the panel.
 * @param args - the command's args.
 * @param model - the panel's model.
 * @returns the target, or null when there is none.
 */
export function shareTarget(args: ReadonlyPartialJSONObject, model: IS3BrowserModel): IShareTarget | null {
  if (typeof args.connection === 'string' && typeof args.bucket === 'string' && typeof args.key === 'string') {
    const given: IShareTarget = { connection: args.connection, bucket: args.bucket, key: args.key };
    if (typeof args.versionId === 'string') {
      given.versionId = args.versionId;
      given.versionLabel = typeof args.versionLabel === 'string' ? args.versionLabel : undefined;
    }
    return given;
  }
  const entry = model.selected;
  if (entry?.kind !== 'object' || !model.connection || !model.bucket) {
    return null;
  }
  return { connection: model.connection, bucket: model.bucket, key: entry.key };
}

/**
 * Why no link can be made for a target (null when one can).
 * @param target - the target, or null when nothing is selected.
 * @param model - the panel's model (its connections list says which give links).
 * @param trans - the translations.
 * @returns the reason, or null.
 */
export function shareTargetProblem(target: IShareTarget | null, model: IS3BrowserModel, trans: TranslationBundle): string | null {
  return target
    ? shareProblem(
        model.connectionList.find(c => c.name === target.connection),
        trans
      )
    : trans.__('Select an object in the S3 panel.');
}

/** A key's name as people read it. */
export const shareName = (key: string): string => displayKey(key.slice(key.lastIndexOf('/') + 1));

/**
 * Asks for an expiry, has the server sign a link, copies it and shows it.
 * @param context - model, connections, UI and translations.
 * @param target - the object (or version).
 * @returns the link, or null when none was made (refused, cancelled, or the server said no).
 */
export async function makeShareLink({ model, connections, ui, trans }: IShareContext, target: IShareTarget): Promise<IShareLink | null> {
  if (!connections.shareLink) {
    return null;
  }
  const name = shareName(target.key);
  const why = shareTargetProblem(target, model, trans);
  if (why) {
    await ui.error(trans.__('Cannot share %1', name), why);
    return null;
  }
  const title = trans.__('Share link of %1', name);
  const asked = await ui.askOptions({
    title,
    target,
    choices: expiryChoices(
      model.connectionList.find(c => c.name === target.connection),
      trans
    )
  });
  if (!asked) {
    return null;
  }
  const request: IShareLinkRequest = { bucket: target.bucket, key: target.key, expiresIn: asked.expiresIn };
  if (target.versionId && asked.pinVersion) {
    request.versionId = target.versionId;
  }
  try {
    const link = await connections.shareLink(target.connection, request);
    const copied = ui.copy(link.url);
    await ui.showLink({ title, url: link.url, expiry: expiryText(link.expiresAt, link.expiresIn, trans), copied });
    return link;
  } catch (err) {
    await ui.error(trans.__('Could not make a share link of %1', name), (err as Error).message);
    return null;
  }
}
