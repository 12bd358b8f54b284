/**
 * The mechanism that keeps autosave from writing `s3:` documents, against JupyterLab's own
 * SaveHandler (the class the document manager attaches to every context) and a real Context.
 */
import { SaveHandler } from '@jupyterlab/docmanager/lib/savehandler';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import { Signal } from '@lumino/signaling';
import { isS3DocumentPath, keepFromAutosave } from './no-autosave';

/**
 * What SaveHandler and docmanager's Save command read of a context, shaped as JupyterLab's
 * Context is: `canSave` a prototype getter from the contents model's `writable` (the real
 * Context pulls in @jupyterlab/apputils, which jsdom cannot load; see CONTRIBUTING).
 */
class FakeContext {
  constructor(readonly path: string) {}
  readonly fileChanged = new Signal<this, unknown>(this);
  readonly disposed = new Signal<this, void>(this);
  readonly contentsModel = { writable: true };
  readonly model = { dirty: true };
  saves = 0;
  get canSave(): boolean {
    return this.contentsModel.writable;
  }
  async save(): Promise<void> {
    this.saves++;
    this.model.dirty = false;
  }
}

/** A dirty, writable context at `path`. */
function dirtyContext(path: string): FakeContext {
  const context = new FakeContext(path);
  expect(context.canSave).toBe(true);
  return context;
}

/** Start JupyterLab's autosave for a context and let three intervals pass. */
function runAutosave(context: FakeContext): SaveHandler {
  const handler = new SaveHandler({ context: context as unknown as DocumentRegistry.Context, saveInterval: 1 });
  handler.start();
  jest.advanceTimersByTime(3500);
  return handler;
}

describe('autosave and s3: documents', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('knows s3: paths from others', () => {
    expect(isS3DocumentPath('s3:local/bucket/a.ipynb')).toBe(true);
    expect(isS3DocumentPath('s3-version:local/bucket/a.ipynb')).toBe(false);
    expect(isS3DocumentPath('notebooks/s3:a.ipynb')).toBe(false);
  });

  it('autosave writes a dirty local document (the control: the handler really ticks)', () => {
    const context = dirtyContext('local-notebook.txt');
    expect(keepFromAutosave(context)).toBe(false);
    const handler = runAutosave(context);
    expect(context.saves).toBe(1);
    handler.dispose();
  });

  it('autosave never writes a dirty s3: document, which stays dirty', () => {
    const context = dirtyContext('s3:local/helium-demo/notes.ipynb');
    expect(keepFromAutosave(context)).toBe(true);
    expect(keepFromAutosave(context)).toBe(true);
    const handler = runAutosave(context);
    expect(context.saves).toBe(0);
    expect(context.model.dirty).toBe(true);
    handler.dispose();
  });

  it('leaves what an explicit Save checks untouched, and the save itself', async () => {
    const context = dirtyContext('s3:local/helium-demo/explicit.txt');
    keepFromAutosave(context);
    // docmanager's Save command refuses only when contentsModel.writable is false.
    expect(context.contentsModel.writable).toBe(true);
    await context.save();
    expect(context.saves).toBe(1);
    expect(context.model.dirty).toBe(false);
  });
});
