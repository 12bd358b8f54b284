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
import { CommandIDs, IHeliumConnections, IS3BrowserModel } from '../tokens';
import type { IExpiryChoice } from '../models/share';
import { IShareContext, IShareTarget, IShareUi, makeShareLink, shareName, shareTarget, shareTargetProblem } from './panel-share-actions';
import { formatS3Uri } from '../service/uri';
import { inPalette, PALETTE_ARGS } from './palette-labels';

const ROW_SELECTOR = '.jp-helium-row[data-kind="object"]';

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
      option.textContent = choice.label; // translated already (models/share.ts durationLabel)
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
  input.setAttribute('aria-label', trans.__('Share link'));
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
 * The share command's {@link IShareUi} with JupyterLab's dialogs and clipboard.
 * @param trans - the translations.
 * @returns the UI.
 */
function dialogShareUi(trans: TranslationBundle): IShareUi {
  return {
    async askOptions({ title, target, choices }) {
      const asked = await showDialog({
        title,
        body: new ShareOptionsBody(target, choices, trans),
        buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Copy Link') })]
      });
      return asked.button.accept && asked.value ? asked.value : null;
    },
    copy(text) {
      try {
        Clipboard.copyToSystem(text);
        return true;
      } catch {
        return false;
      }
    },
    async showLink({ title, url, expiry, copied }) {
      await showDialog({ title, body: linkBody(url, expiry, copied, trans), buttons: [Dialog.okButton({ label: trans.__('Done') })] });
    },
    async error(title, message) {
      await showErrorMessage(title, message);
    }
  };
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
  const context: IShareContext = { model, connections, trans, ui: dialogShareUi(trans) };
  const target = (args: ReadonlyPartialJSONObject): IShareTarget | null => shareTarget(args, model);
  const problem = (t: IShareTarget | null): string | null => shareTargetProblem(t, model, trans);

  app.commands.addCommand(CommandIDs.shareLink, {
    label: args => {
      const t = target(args);
      const why = t ? problem(t) : null;
      if (why) {
        return trans.__('Copy Share Link… (off for this connection)');
      }
      if (!inPalette(args)) {
        return t?.versionId ? trans.__('Copy Share Link of This Version…') : trans.__('Copy Share Link…');
      }
      return t ? trans.__('Copy Share Link of %1…', shareName(t.key)) : trans.__('Copy Share Link… (select an object in the S3 panel)');
    },
    caption: args => problem(target(args)) ?? trans.__('A link that downloads the object without Jupyter, for a while'),
    isEnabled: args => problem(target(args)) === null && !!connections.shareLink,
    execute: async args => {
      const t = target(args);
      if (t) {
        await makeShareLink(context, t);
      }
    }
  });

  app.contextMenu.addItem({ command: CommandIDs.shareLink, selector: ROW_SELECTOR, rank: 4.5 });
  palette?.addItem({ command: CommandIDs.shareLink, category: trans.__('S3'), args: PALETTE_ARGS });
}
