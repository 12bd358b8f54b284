import { Widget } from '@lumino/widgets';
import { HeliumError } from '../../service/error-class';
import { DiffRegistry, FALLBACK_PROVIDER_ID } from '../../models/diff-registry';
import type { IDiffContext, IDiffProvider, IDiffRequest, IDiffSide } from '../../tokens';
import { DiffPanel, PREVIEW_CLASS, PREVIEW_TITLE_CLASS } from './DiffPanel';
import { DiffTab, DiffTabs } from './DiffTabs';
import { testTrans as trans } from '../../testing/translation';

/** Like JupyterLab's null translator (its package is ESM, which this jest setup does not load). */
// @jupyterlab/apputils and ui-components are ESM, which this project's jest setup does not
// transform: stand-ins with the parts DiffTabs uses (a content, a toolbar, a button).
jest.mock('@jupyterlab/apputils', () => {
  const { Panel } = jest.requireActual('@lumino/widgets');
  class MainAreaWidget extends Panel {
    constructor(options: { content: Widget }) {
      super();
      this.content = options.content;
      this.toolbar = Object.assign(new Panel(), {
        addItem(this: InstanceType<typeof Panel>, _name: string, item: Widget) {
          this.addWidget(item);
        }
      });
      this.addWidget(this.toolbar);
      this.addWidget(options.content);
    }
    content: Widget;
    toolbar: InstanceType<typeof Panel> & { addItem(name: string, item: Widget): void };
  }
  return { MainAreaWidget };
});
jest.mock('@jupyterlab/ui-components', () => {
  const { Widget: LuminoWidget } = jest.requireActual('@lumino/widgets');
  class ToolbarButton extends LuminoWidget {
    constructor(props: { className: string; onClick: () => void }) {
      super({ node: document.createElement('button') });
      this.addClass(props.className);
      this.node.addEventListener('click', () => props.onClick());
    }
    pressed = false;
    enabled = true;
  }
  class LabIcon {}
  return { ToolbarButton, LabIcon };
});

function side(label: string, extra: Partial<IDiffSide> = {}): IDiffSide {
  return { connection: 'default', bucket: 'bucket', key: 'data/storms.json', label, size: 100, ...extra };
}

function request(a: string, b: string, extra: Partial<IDiffSide> = {}): IDiffRequest {
  return { left: side(a, extra), right: side(b, extra) };
}

/** A provider that records the contexts it was given and shows their labels. */
class FakeProvider implements IDiffProvider {
  constructor(
    readonly id: string,
    readonly label: string,
    private _rank: number,
    readonly maxBytes = 1000
  ) {}
  contexts: IDiffContext[] = [];
  /** When set, createView waits for it (to test loading and cancel). */
  gate: Promise<void> | null = null;
  /** When set, createView throws it. */
  error: unknown = null;
  rank(): number {
    return this._rank;
  }
  async createView(context: IDiffContext): Promise<Widget> {
    this.contexts.push(context);
    if (this.gate) {
      await Promise.race([
        this.gate,
        new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new HeliumError('Cancelled', 'Cancelled.'))))
      ]);
    }
    if (this.error) {
      throw this.error;
    }
    const view = new Widget();
    view.addClass(`fake-${this.id}`);
    view.node.textContent = `${context.request.left.label} vs ${context.request.right.label}`;
    return view;
  }
}

function setup(providers: IDiffProvider[]) {
  const registry = new DiffRegistry();
  providers.forEach(p => registry.register(p));
  const added: DiffTab[] = [];
  const tabs = new DiffTabs({
    trans,
    createPanel: req =>
      new DiffPanel({
        request: req,
        providers: registry,
        trans,
        createContext: (r, signal) => ({
          request: r,
          signal,
          trans,
          readBytes: async () => new Uint8Array(),
          readText: async () => '',
          client: async () => {
            throw new Error('no client in tests');
          }
        })
      }),
    add: tab => {
      added.push(tab);
      Widget.attach(tab, document.body);
    },
    activate: () => undefined
  });
  return { registry, tabs, added };
}

afterEach(() => {
  document.body.textContent = '';
});

describe('DiffTabs preview tab', () => {
  it('reuses the preview tab and aborts the previous comparison', async () => {
    const json = new FakeProvider('json', 'JSON', 50);
    const { tabs, added } = setup([json]);
    // The first comparison's view is built only when this gate opens, and ignores the abort: the
    // panel itself must drop it.
    let openGate!: () => void;
    const gate = new Promise<void>(resolve => (openGate = resolve));
    const lifecycle: string[] = [];
    class StaleView extends Widget {
      protected onAfterAttach(): void {
        lifecycle.push('attach');
      }
      protected onAfterShow(): void {
        lifecycle.push('show');
      }
    }
    const stale = new StaleView();
    stale.addClass('fake-stale');
    const createView = json.createView.bind(json);
    json.createView = async (context: IDiffContext) => {
      if (json.contexts.length > 0) {
        return createView(context);
      }
      json.contexts.push(context);
      await gate;
      return stale;
    };
    const first = tabs.open(request('v1', 'v2'));
    expect(first.content.node.classList).toContain('jp-helium-diff');
    expect(first.content.node.classList).toContain(PREVIEW_CLASS);
    expect(first.content.title.className).toContain(PREVIEW_TITLE_CLASS);
    const firstReady = first.content.ready;
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(json.contexts).toHaveLength(1);
    expect(first.content.state).toBe('loading');
    const second = tabs.open(request('v2', 'v3'));
    expect(second).toBe(first);
    expect(added).toHaveLength(1);
    expect(json.contexts[0].signal.aborted).toBe(true);
    await second.content.ready;
    openGate();
    await firstReady;
    expect(json.contexts).toHaveLength(2);
    expect(json.contexts[1].signal.aborted).toBe(false);
    expect(lifecycle).toEqual([]);
    expect(stale.isAttached).toBe(false);
    expect(stale.isDisposed).toBe(true);
    expect(first.content.node.querySelector('.fake-stale')).toBeNull();
    expect(first.content.node.querySelector('.fake-json')!.textContent).toBe('v2 vs v3');
    expect(first.content.view).not.toBe(stale);
    expect(first.content.title.label).toBe('storms.json (v2 ↔ v3)');
  });

  it('leaves a pinned tab alone and opens a new preview tab', async () => {
    const json = new FakeProvider('json', 'JSON', 50);
    const { tabs, added } = setup([json]);
    const first = tabs.open(request('v1', 'v2'));
    await first.content.ready;
    (first.toolbar.node.querySelector('.jp-helium-diff-pin') as HTMLElement).click();
    expect(first.content.isPreview).toBe(false);
    expect(first.content.node.classList).not.toContain(PREVIEW_CLASS);
    expect(first.content.title.className).not.toContain(PREVIEW_TITLE_CLASS);
    const second = tabs.open(request('v3', 'v4'));
    await second.content.ready;
    expect(second).not.toBe(first);
    expect(added).toHaveLength(2);
    expect(json.contexts[0].signal.aborted).toBe(false);
    expect(first.content.node.querySelector('.fake-json')!.textContent).toBe('v1 vs v2');
    expect(tabs.preview).toBe(second);
  });

  it('opens a new preview tab when the preview tab was closed', async () => {
    const { tabs, added } = setup([new FakeProvider('json', 'JSON', 50)]);
    const first = tabs.open(request('v1', 'v2'));
    first.dispose();
    const second = tabs.open(request('v1', 'v2'));
    expect(second).not.toBe(first);
    expect(added).toHaveLength(2);
  });
});

describe('DiffPanel', () => {
  it('lists every accepting provider in "View as" and re-renders on a switch', async () => {
    const json = new FakeProvider('json', 'JSON', 50);
    const text = new FakeProvider('text', 'Text', 10);
    const image = new FakeProvider('image', 'Image', 0);
    const { tabs } = setup([text, json, image]);
    const panel = tabs.open(request('v1', 'v2')).content;
    await panel.ready;
    const select = panel.node.querySelector('select.jp-helium-diff-viewas') as HTMLSelectElement;
    expect([...select.options].map(o => o.value)).toEqual(['json', 'text']);
    expect(select.value).toBe('json');
    select.value = 'text';
    select.dispatchEvent(new Event('change'));
    await panel.ready;
    expect(panel.provider!.id).toBe('text');
    expect(panel.node.querySelector('.fake-text')).not.toBeNull();
    expect(panel.node.querySelector('.fake-json')).toBeNull();
    expect(json.contexts[0].signal.aborted).toBe(true);
  });

  it('asks before loading a side over the cap, and can load anyway or show the summary', async () => {
    const text = new FakeProvider('text', 'Text', 10, 50);
    const summary = new FakeProvider(FALLBACK_PROVIDER_ID, 'Summary', 1, Infinity);
    const { tabs } = setup([text, summary]);
    const panel = tabs.open(request('v1', 'v2', { size: 340 * 1024 * 1024 })).content;
    await panel.ready;
    expect(panel.state).toBe('capped');
    expect(text.contexts).toHaveLength(0);
    expect(panel.node.querySelector('.jp-helium-diff-message')!.textContent).toMatch(
      /^Version A is 340 MiB and B is 340 MiB; the Text view loads whole files/
    );
    (panel.node.querySelector('.jp-helium-diff-showsummary') as HTMLButtonElement).click();
    await panel.ready;
    expect(panel.provider!.id).toBe(FALLBACK_PROVIDER_ID);
    expect(panel.state).toBe('ready');
    panel.node.querySelector('select')!.value = 'text';
    panel.node.querySelector('select')!.dispatchEvent(new Event('change'));
    await panel.ready;
    expect(panel.state).toBe('capped');
    (panel.node.querySelector('.jp-helium-diff-loadanyway') as HTMLButtonElement).click();
    await panel.ready;
    expect(panel.state).toBe('ready');
    expect(text.contexts).toHaveLength(1);
  });

  it('shows a spinner with Cancel while loading, and Cancel aborts', async () => {
    const json = new FakeProvider('json', 'JSON', 50);
    json.gate = new Promise(() => undefined);
    const { tabs } = setup([json]);
    const panel = tabs.open(request('v1', 'v2')).content;
    await Promise.resolve();
    expect(panel.state).toBe('loading');
    (panel.node.querySelector('.jp-helium-diff-cancel') as HTMLButtonElement).click();
    await panel.ready;
    expect(json.contexts[0].signal.aborted).toBe(true);
    expect(panel.state).toBe('cancelled');
  });

  it('shows errors as escaped text, not HTML', async () => {
    const json = new FakeProvider('json', 'JSON', 50);
    json.error = new HeliumError('NotFound', 'No <img src=x onerror=alert(1)> here.');
    const { tabs } = setup([json]);
    const panel = tabs.open(request('v1', 'v2')).content;
    await panel.ready;
    const error = panel.node.querySelector('.jp-helium-diff-error')!;
    expect(error.textContent).toBe('No <img src=x onerror=alert(1)> here.');
    expect(error.querySelector('img')).toBeNull();
    expect(error.getAttribute('data-kind')).toBe('NotFound');
  });

  it('swaps the sides', async () => {
    const json = new FakeProvider('json', 'JSON', 50);
    const { tabs } = setup([json]);
    const panel = tabs.open(request('old', 'new')).content;
    await panel.ready;
    (panel.node.querySelector('.jp-helium-diff-swap') as HTMLButtonElement).click();
    await panel.ready;
    expect(panel.request.left.label).toBe('new');
    expect(panel.node.querySelector('[data-side="left"] .jp-helium-diff-side-label')!.textContent).toBe('new');
    expect(json.contexts[1].request.right.label).toBe('old');
  });

  it('closing the tab aborts the comparison', async () => {
    const json = new FakeProvider('json', 'JSON', 50);
    const { tabs } = setup([json]);
    const tab = tabs.open(request('v1', 'v2'));
    await tab.content.ready;
    tab.dispose();
    expect(json.contexts[0].signal.aborted).toBe(true);
  });
});
