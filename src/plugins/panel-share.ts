/**
 * *Copy Share Link…* (part of the panel plugin in `panel.ts`): for the object selected in the S3
 * panel, or the one named in the command's args (the versions drawer passes a version), asks for
 * an expiry (and, for a version, "this version" or "the latest"), has the server sign a presigned
 * GET URL for the connection, copies it and shows it. The browser never holds a credential.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, Dialog, ICommandPalette, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Widget } from '@lumino/widgets';
import { CommandIDs, IHeliumConnections, IShareLinkRequest, IS3BrowserModel } from '../tokens';
import { expiryChoices, expiryText, IExpiryChoice, shareProblem } from '../models/share';
import { displayKey, formatS3Uri } from '../service/uri';
import { inPalette, PALETTE_ARGS } from './palette-labels';

const ROW_SELECTOR = '.jp-helium-row[data-kind="object"]';

/** What a link is asked for: an object of a connection, maybe one version of it. */
interface IShareTarget {
  connection: string;
  bucket: string;
  key: string;
  versionId?: string;
  /** How the version reads ("12 Mar 2026 14:02"), when one is given. */
  versionLabel?: string;
}

/** The dialog body: the expiry, and "this version" or "the latest" when a version is given. */
class ShareOptionsBody extends Widget implements Dialog.IBodyWidget<{ expiresIn: number; pinVersion: boolean }> {
  constructor(target: IShareTarget, choices: IExpiryChoice[], trans: TranslationBundle) {
    super();
    this.addClass('jp-helium-share-options');
    const what = document.createElement('p');
    what.textContent = formatS3Uri({ bucket: target.bucket, key: target.key });
    what.className = 'jp-helium-share-what';
    this.node.appendChild(what);
    const label = document.createElement('label');
    label.textContent = trans.__('The link works for');
    this._select.className = 'jp-mod-styled';
    this._select.setAttribute('data-testid', 'helium-share-expiry');
    for (const choice of choices) {
      const option = document.createElement('option');
      option.value = String(choice.seconds);
      option.textContent = trans.__(choice.label);
      this._select.appendChild(option);
    }
    // The longest allowed by default, up to a day: a week-long link is a deliberate choice.
    const day = choices.filter(c => c.seconds <= 86400);
    this._select.value = String((day.length ? day[day.length - 1] : choices[0]).seconds);
    label.appendChild(this._select);
    this.node.appendChild(label);
    if (target.versionId) {
      this._pin = document.createElement('select');
      this._pin.className = 'jp-mod-styled';
      this._pin.setAttribute('data-testid', 'helium-share-version');
      for (const [value, text] of [
        ['this', trans.__('This version (%1): the link keeps giving these bytes', target.versionLabel ?? target.versionId)],
        ['latest', trans.__('The latest version: the link follows new versions')]
      ]) {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = text;
        this._pin.appendChild(option);
      }
      const pinLabel = document.createElement('label');
      pinLabel.textContent = trans.__('Which version');
      pinLabel.appendChild(this._pin);
      this.node.appendChild(pinLabel);
    }
    const note = document.createElement('p');
    note.className = 'jp-helium-share-note';
    note.textContent = trans.__(
      'Anyone with the link can download the object until it expires, without a Jupyter login. A link signed with temporary credentials stops working when they expire.'
    );
    this.node.appendChild(note);
  }

  getValue(): { expiresIn: number; pinVersion: boolean } {
    return { expiresIn: Number(this._select.value), pinVersion: this._pin ? this._pin.value === 'this' : false };
  }

  private _select = document.createElement('select');
  private _pin: HTMLSelectElement | null = null;
}

/** The result body: the link, selectable, and when it stops working. */
function linkBody(url: string, expiry: string, copied: boolean, trans: TranslationBundle): Widget {
  const body = new Widget();
  body.addClass('jp-helium-share-result');
  const input = document.createElement('input');
  input.className = 'jp-mod-styled';
  input.readOnly = true;
  input.value = url;
  input.setAttribute('data-testid', 'helium-share-url');
  input.addEventListener('focus', () => input.select());
  const status = document.createElement('p');
  status.textContent = copied ? trans.__('Copied to the clipboard.') : trans.__('Copy it from here.');
  const when = document.createElement('p');
  when.textContent = expiry;
  body.node.append(input, status, when);
  return body;
}

/**
 * Registers `shareLink` with its context-menu and palette items.
 * @param app - the application.
 * @param options - the panel's model, the connections, the palette and the translations.
 */
export function registerShareCommand(
  app: JupyterFrontEnd,
  options: { model: IS3BrowserModel; connections: IHeliumConnections; palette: ICommandPalette | null; trans: TranslationBundle }
): void {
  const { model, connections, palette, trans } = options;

  /** The object the command acts on: its args, else the panel's selected object. */
  const target = (args: ReadonlyPartialJSONObject): IShareTarget | null => {
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
  };
  const infoOf = (name: string) => model.connectionList.find(c => c.name === name);
  const problem = (t: IShareTarget | null): string | null =>
    t ? shareProblem(infoOf(t.connection)) : trans.__('Select an object in the S3 panel.');
  const nameOf = (key: string) => displayKey(key.slice(key.lastIndexOf('/') + 1));

  app.commands.addCommand(CommandIDs.shareLink, {
    label: args => {
      const t = target(args);
      const why = t ? shareProblem(infoOf(t.connection)) : null;
      if (why) {
        return trans.__('Copy Share Link… (off for this connection)');
      }
      if (!inPalette(args)) {
        return t?.versionId ? trans.__('Copy Share Link of This Version…') : trans.__('Copy Share Link…');
      }
      return t ? trans.__('Copy Share Link of %1…', nameOf(t.key)) : trans.__('Copy Share Link… (select an object in the S3 panel)');
    },
    caption: args => problem(target(args)) ?? trans.__('A link that downloads the object without Jupyter, for a while'),
    isEnabled: args => problem(target(args)) === null && !!connections.shareLink,
    execute: async args => {
      const t = target(args);
      if (!t || !connections.shareLink) {
        return;
      }
      const why = problem(t);
      if (why) {
        await showErrorMessage(trans.__('Cannot share %1', nameOf(t.key)), why);
        return;
      }
      const asked = await showDialog({
        title: trans.__('Share link of %1', nameOf(t.key)),
        body: new ShareOptionsBody(t, expiryChoices(infoOf(t.connection)), trans),
        buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Copy Link') })]
      });
      if (!asked.button.accept || !asked.value) {
        return;
      }
      const request: IShareLinkRequest = { bucket: t.bucket, key: t.key, expiresIn: asked.value.expiresIn };
      if (t.versionId && asked.value.pinVersion) {
        request.versionId = t.versionId;
      }
      try {
        const link = await connections.shareLink(t.connection, request);
        let copied = true;
        try {
          Clipboard.copyToSystem(link.url);
        } catch {
          copied = false;
        }
        await showDialog({
          title: trans.__('Share link of %1', nameOf(t.key)),
          body: linkBody(link.url, trans.__(expiryText(link.expiresAt, link.expiresIn)), copied, trans),
          buttons: [Dialog.okButton({ label: trans.__('Done') })]
        });
      } catch (err) {
        await showErrorMessage(trans.__('Could not make a share link of %1', nameOf(t.key)), (err as Error).message);
      }
    }
  });

  app.contextMenu.addItem({ command: CommandIDs.shareLink, selector: ROW_SELECTOR, rank: 4.5 });
  palette?.addItem({ command: CommandIDs.shareLink, category: trans.__('S3'), args: PALETTE_ARGS });
}
