/**
 * Plugin: the diff tab and the registry of diff providers (each provider is its own plugin).
 * Comparisons open in one preview tab, reused until pinned (toolbar button or command).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { DiffRegistry } from '../models/diff-registry';
import { CommandIDs, IDiffProviders, IHeliumConnections } from '../tokens';
import { DiffPanel } from '../widgets/diff/DiffPanel';
import { DiffTab, DiffTabs } from '../widgets/diff/DiffTabs';
import { createDiffContext, describeSide } from '../models/diff-content';
import { basename } from '../widgets/diff/diff-labels';

export const diffPlugin: JupyterFrontEndPlugin<IDiffProviders> = {
  id: 'jupyterlab-helium:diff',
  description: 'The diff tab comparing two versions of an S3 object, and the registry of diff providers.',
  autoStart: true,
  provides: IDiffProviders,
  requires: [IHeliumConnections],
  optional: [ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): IDiffProviders => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const registry = new DiffRegistry();
    const tracker = new WidgetTracker<DiffTab>({ namespace: 'jupyterlab-helium-diff' });
    const iconFor = (key: string) => app.docRegistry.getFileTypesForPath(basename(key))[0]?.icon;
    const tabs = new DiffTabs({
      trans,
      createPanel: request => {
        const panel = new DiffPanel({
          request,
          providers: registry,
          trans,
          iconFor,
          createContext: (req, signal) => createDiffContext({ request: req, connections, trans, signal }),
          describeSide: (side, signal) => describeSide(side, connections, signal)
        });
        panel.pinned.connect(() => app.commands.notifyCommandChanged(CommandIDs.pinDiff));
        return panel;
      },
      add: tab => {
        app.shell.add(tab, 'main');
        void tracker.add(tab);
      },
      activate: tab => app.shell.activateById(tab.id)
    });
    tracker.currentChanged.connect(() => app.commands.notifyCommandChanged(CommandIDs.pinDiff));

    app.commands.addCommand(CommandIDs.pinDiff, {
      label: trans.__('Pin Comparison Tab'),
      caption: trans.__('Keep the current comparison tab open; the next comparison opens in a new tab'),
      isEnabled: () => !!tracker.currentWidget?.content.isPreview,
      execute: () => {
        const tab = tracker.currentWidget;
        if (tab) {
          tabs.pin(tab);
        }
      }
    });
    palette?.addItem({ command: CommandIDs.pinDiff, category: trans.__('S3') });

    return {
      register: provider => registry.register(provider),
      providersFor: (key, contentType) => registry.providersFor(key, contentType),
      open: async request => {
        tabs.open(request);
      }
    };
  }
};
