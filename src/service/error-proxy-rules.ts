/**
 * The error codes of our Jupyter server proxy (`/helium/s3/<connection>/…`, see
 * jupyterlab_helium/proxy.py and upstream_faults.py): the proxy words its own message, with the
 * fix on the Jupyter server; these rules show it, or a fallback when it came without one.
 */
import type { ErrorKind } from './error-class';
import { describeEndpoint, ErrorContext } from './error-messages';
import { Rule, serverSays } from './error-rule';

/** Our Jupyter server proxy's own errors: show its message, then our advice. */
const proxyRule =
  (kind: ErrorKind, fallback: (ctx: ErrorContext) => string, hint: string): Rule =>
  (ctx, facts) => {
    // The proxy's own message already says what to do; only our fallback needs the hint.
    const said = serverSays(facts);
    return said ? { kind, what: said } : { kind, what: fallback(ctx), hint };
  };

/** The proxy's codes and their rules. */
export const PROXY_RULES: Record<string, Rule> = {
  UnknownConnection: proxyRule(
    'NotFound',
    () => 'The Jupyter server has no S3 connection with this name.',
    'Check the connection name in the Helium settings, or ask the server administrator to configure it.'
  ),
  EndpointUnreachable: proxyRule(
    'Network',
    ctx => `Cannot reach ${describeEndpoint(ctx)}: is it running?`,
    'Check that the S3 server is running and reachable from the Jupyter server.'
  ),
  CredentialsMissing: proxyRule(
    'Credentials',
    () => 'The Jupyter server has no S3 credentials for this connection.',
    'Configure credentials on the server (environment variables, ~/.aws or c.Helium.connections).'
  ),
  // The Jupyter server's authorizer refused this user (JupyterHub scopes, a custom Authorizer):
  // not the S3 credentials, so not the bucket owner's business.
  NotAuthorized: proxyRule(
    'AccessDenied',
    () => 'This Jupyter user may not do that through helium (the Jupyter server refused it).',
    "Ask the Jupyter server's administrator for that permission."
  ),
  // Set-up faults the proxy words itself, with the fix on the Jupyter server (jupyterlab_helium/upstream_faults.py).
  CredentialsExpired: proxyRule(
    'Credentials',
    () => "The Jupyter server's S3 credentials for this connection have expired.",
    'Renew them where the Jupyter server gets them, then restart it.'
  ),
  ClockSkewed: proxyRule(
    'Credentials',
    () => "The Jupyter server's clock is more than 15 minutes off the S3 server's.",
    "Set the clock of the Jupyter server's machine right (network time, NTP)."
  ),
  EndpointCertificateUntrusted: proxyRule(
    'Network',
    ctx => `The Jupyter server does not trust the TLS certificate of ${describeEndpoint(ctx)}.`,
    'Give the Jupyter server the CA certificate with SSL_CERT_FILE, then restart it.'
  ),
  ProxyError: proxyRule(
    'Network',
    () => 'The Jupyter server could not complete the request to S3.',
    'Try again; if it keeps failing, look at the Jupyter server log.'
  )
};
