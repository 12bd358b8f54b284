/**
 * S3 clients: one for Node (directly to S3) and one for the browser (through our Jupyter proxy),
 * and the endpoint label a client carries for error messages.
 */
export { createNodeClient } from './client-node';
export type { NodeClientOptions } from './client-node';
export { createProxyClient } from './client-proxy';
export type { ProxyClientOptions } from './client-proxy';
export { getEndpointLabel, setEndpointLabel } from './endpoint';
