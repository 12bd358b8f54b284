/** A fake of the connections service for tests: Node S3 clients instead of the server proxy. */
import type { S3Client } from '@aws-sdk/client-s3';
import { Signal } from '@lumino/signaling';
import type { IConnectionInfo, IHeliumConnections, IObjectChange } from '../tokens';

/** Connections backed by Node clients instead of the server proxy. */
export class TestConnections implements IHeliumConnections {
  constructor(
    private readonly _clients: Record<string, S3Client>,
    private readonly _buckets: Record<string, string[]>
  ) {}
  readonly objectsChanged: Signal<IHeliumConnections, IObjectChange> = new Signal<IHeliumConnections, IObjectChange>(this);
  async list(): Promise<IConnectionInfo[]> {
    return Object.keys(this._clients).map(name => ({
      name,
      region: 'us-east-1',
      endpoint: 'test',
      buckets: this._buckets[name] ?? [],
      path_style: true
    }));
  }
  async client(name: string): Promise<S3Client> {
    return this._clients[name];
  }
  objectUrl(): string {
    return '';
  }
  notifyChanged(change: IObjectChange): void {
    this.objectsChanged.emit(change);
  }
}
