/**
 * Requests to one Web Worker that answers each `{id, …}` with `{id, …}` or `{id, error}`: the
 * worker is started on first use and shared; a request resolves with what the answer carries, or
 * undefined when the worker answered an error, cannot start, or fails (then it is stopped, every
 * pending request resolves undefined, and later ones do too): the caller does the work itself.
 */
export class WorkerRequests<Request extends { id: number }, Answer extends { id: number }, Result> {
  /**
   * @param _start - starts the worker, on first use; undefined when there is none.
   * @param _result - what an answer (other than an error) gives the caller.
   */
  constructor(
    private readonly _start: () => Worker | undefined,
    private readonly _result: (answer: Exclude<Answer, { error: string }>) => Result
  ) {}

  /**
   * Send a request.
   * @param request - the request, without its id.
   * @returns the result, or undefined when the worker cannot give one.
   */
  send(request: Omit<Request, 'id'>): Promise<Result | undefined> {
    const worker = this._worker();
    if (!worker) {
      return Promise.resolve(undefined);
    }
    const id = this._nextId++;
    return new Promise(resolve => {
      this._pending.set(id, resolve);
      worker.postMessage({ ...request, id } as Request);
    });
  }

  private _worker(): Worker | undefined {
    if (!this._started) {
      this._started = true;
      this._instance = this._start();
      if (this._instance) {
        this._instance.onmessage = (event: MessageEvent<Answer>) => this._answer(event.data);
        this._instance.onerror = () => this._stop();
      }
    }
    return this._instance;
  }

  private _answer(answer: Answer): void {
    const resolve = this._pending.get(answer.id);
    this._pending.delete(answer.id);
    resolve?.('error' in answer ? undefined : this._result(answer as Exclude<Answer, { error: string }>));
  }

  private _stop(): void {
    this._instance?.terminate();
    this._instance = undefined;
    for (const resolve of this._pending.values()) {
      resolve(undefined);
    }
    this._pending.clear();
  }

  private _started = false;
  private _instance: Worker | undefined;
  private _nextId = 1;
  private _pending = new Map<number, (result: Result | undefined) => void>();
}
