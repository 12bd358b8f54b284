/**
 * The connections model: asks the server which S3 connections exist and builds S3 clients that
 * reach them through the server's signing proxy (`/helium/s3/<connection>/…`).
 *
 * The AWS SDK is loaded with a dynamic import so it lands in its own chunk and JupyterLab's start
 * is not slowed down by it.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { S3Client } from '@aws-sdk/client-s3';
import type { IConnectionInfo, IHeliumConnections, IObjectChange, IShareLink, IShareLinkRequest } from '../tokens';
import { PROXY_PATH_PARAM, proxiedPath, s3ObjectPath } from '../service/proxy-path';
import { HeliumError } from '../service/error-class';
import type { OpenSearchTransport } from '../service/search/opensearch-transport';
import { loadEngine } from './engine';

/**
 * Reads Jupyter's `_xsrf` cookie, which the server checks on every mutating request. Like
 * JupyterLab, takes the last one: with duplicates at several paths (JupyterHub), Tornado uses it.
 */
function xsrfCookie(): string | undefined {
  let cookies: string;
  try {
    cookies = document.cookie;
  } catch {
    return undefined; // e.g. a sandboxed page
  }
  let value: string | undefined;
  for (const part of cookies.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith('_xsrf=')) {
      value = trimmed.slice('_xsrf='.length);
    }
  }
  return value;
}

export class ConnectionsModel implements IHeliumConnections {
  /**
   * @param settings - how to reach the Jupyter server.
   * @param trans - the translator of the messages this model words itself.
   */
  constructor(settings: ServerConnection.ISettings, trans: TranslationBundle) {
    this._settings = settings;
    this._trans = trans;
  }

  get objectsChanged() {
    return this._objectsChanged;
  }

  notifyChanged(change: IObjectChange): void {
    this._objectsChanged.emit(change);
  }

  async list(): Promise<IConnectionInfo[]> {
    if (!this._list) {
      this._list = this._fetchList().catch(err => {
        this._list = null; // let a later call retry
        throw err;
      });
    }
    return this._list;
  }

  async client(connection: string): Promise<S3Client> {
    let client = this._clients.get(connection);
    if (!client) {
      client = this._makeClient(connection);
      this._clients.set(connection, client);
      client.catch(() => this._clients.delete(connection)); // let a later call retry
    }
    return client;
  }

  objectUrl(connection: string, bucket: string, key: string, query: Record<string, string> = {}): string {
    // Plain concatenation: URLExt.join would collapse `..` and could leave the proxy's path.
    const base = this._settings.baseUrl.endsWith('/') ? this._settings.baseUrl : `${this._settings.baseUrl}/`;
    const routed = proxiedPath(`helium/s3/${encodeURIComponent(connection)}`, s3ObjectPath(bucket, key));
    const params = new URLSearchParams(query);
    if (routed.param !== undefined) {
      params.set(PROXY_PATH_PARAM, routed.param);
    }
    const search = params.toString();
    return `${base}${routed.path}${search ? `?${search}` : ''}`;
  }

  async shareLink(connection: string, request: IShareLinkRequest): Promise<IShareLink> {
    const url = URLExt.join(this._settings.baseUrl, 'helium/share', encodeURIComponent(connection));
    let response: Response;
    try {
      // makeRequest adds the token or the XSRF header the server checks on a POST.
      response = await ServerConnection.makeRequest(url, { method: 'POST', body: JSON.stringify(request) }, this._settings);
    } catch (err) {
      throw new Error(this._trans.__('Cannot reach the Jupyter server to sign a share link: %1', String(err)), { cause: err });
    }
    const body = (await response.json().catch(() => null)) as (IShareLink & { message?: string }) | null;
    if (response.status === 404 && !body?.message) {
      throw new Error(this._trans.__('This Jupyter server cannot sign share links: update the jupyterlab_helium server extension.'));
    }
    if (!response.ok || !body) {
      throw new Error(body?.message ?? this._trans.__('The server could not sign a share link (HTTP %1).', response.status));
    }
    return body;
  }

  private async _makeClient(connection: string): Promise<S3Client> {
    const { createProxyClient } = await loadEngine();
    const proxyUrl = new URL(URLExt.join(this._settings.baseUrl, 'helium/s3', encodeURIComponent(connection)), window.location.href).href;
    const token = this._settings.token;
    const baseFetch = this._settings.fetch ?? window.fetch.bind(window);
    // With token authentication (no login cookie), pass the token the way Jupyter expects.
    const authFetch: typeof fetch = (input, init) => {
      if (token) {
        if (input instanceof Request) {
          input.headers.set('Authorization', `token ${token}`);
        } else {
          const headers = new Headers(init?.headers);
          headers.set('Authorization', `token ${token}`);
          init = { ...init, headers };
        }
      }
      return baseFetch(input as RequestInfo, init);
    };
    return createProxyClient({ proxyUrl, xsrfToken: xsrfCookie, fetch: authFetch, bodiesAsBlobs: true });
  }

  /**
   * A transport to a connection's OpenSearch cluster through `/helium/search/<connection>/`: the
   * server checks the user, forwards only what helium needs and signs; the page holds no secret.
   * @param connection - the connection's name.
   * @returns the transport.
   */
  searchTransport(connection: string): OpenSearchTransport {
    const base = URLExt.join(this._settings.baseUrl, 'helium/search', encodeURIComponent(connection));
    const settings = this._settings;
    const trans = this._trans;
    return {
      description: trans.__('the search cluster of connection "%1"', connection),
      async request(method, path, body, contentType = 'application/json') {
        const init: RequestInit = { method, body, headers: body === undefined ? {} : { 'Content-Type': contentType } };
        let response: Response;
        try {
          response = await ServerConnection.makeRequest(base + path, init, settings);
        } catch (err) {
          throw new HeliumError('Network', trans.__('Cannot reach the Jupyter server to search (%1).', String(err)), {
            code: 'ServerUnreachable'
          });
        }
        return { status: response.status, body: await response.text() };
      }
    };
  }

  private async _fetchList(): Promise<IConnectionInfo[]> {
    const url = URLExt.join(this._settings.baseUrl, 'helium/connections');
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(url, {}, this._settings);
    } catch (err) {
      throw new Error(this._trans.__('Cannot reach the Jupyter server to list S3 connections: %1', String(err)), { cause: err });
    }
    if (response.status === 404) {
      throw new Error(
        this._trans.__(
          'The jupyterlab_helium server extension is not enabled. Run `jupyter server extension enable jupyterlab_helium` and restart JupyterLab.'
        )
      );
    }
    if (!response.ok) {
      throw new Error(this._trans.__('The server could not list S3 connections (HTTP %1).', response.status));
    }
    const body = (await response.json()) as { connections: IConnectionInfo[] };
    return body.connections;
  }

  private _settings: ServerConnection.ISettings;
  private _trans: TranslationBundle;
  private _list: Promise<IConnectionInfo[]> | null = null;
  private _clients = new Map<string, Promise<S3Client>>();
  private _objectsChanged = new Signal<this, IObjectChange>(this);
}
