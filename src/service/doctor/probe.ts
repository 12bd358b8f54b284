/**
 * Can this computer reach the endpoint (DNS, TCP, TLS), and do the clocks agree: one unsigned
 * `GET /`, whose `Date` header gives the S3 server's clock (S3 refuses requests signed more than
 * 15 minutes off). The same steps and wording as jupyterlab_helium/doctor_probe.py.
 */
import { lookup } from 'dns/promises';
import { endpointPath } from '../endpoint';
import { httpRequest, isTlsTrustCode } from './http';
import { Report } from './rules';

const CONNECT_SECONDS = 5;
const SKEW_LIMIT_SECONDS = 15 * 60;
const DRIFT_WARNING_SECONDS = 60;

/** What the probe found. */
export interface ProbeResult {
  reachable: boolean;
  clockOk: boolean;
}

/**
 * Probe an endpoint and add its findings.
 * @param report - where findings go.
 * @param endpointUrl - the endpoint.
 * @param now - the local clock (ms), for tests.
 * @returns whether it is reachable and the clocks agree.
 */
export async function probeEndpoint(report: Report, endpointUrl: string, now: () => number = Date.now): Promise<ProbeResult> {
  const url = new URL(endpointUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  let resolved: string;
  try {
    resolved = (await lookup(host)).address;
  } catch (err) {
    report.add('endpoint.dns_failed', 'endpoint', { host, error: (err as NodeJS.ErrnoException).code ?? String(err) });
    return { reachable: false, clockOk: true };
  }
  let answer;
  try {
    answer = await httpRequest(`${url.protocol}//${url.host}/`, { timeoutMs: CONNECT_SECONDS * 1000 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (isTlsTrustCode(e.code)) {
      report.add('endpoint.tls_untrusted', 'endpoint', { host, error: e.message });
    } else if (e.code === 'ECONNREFUSED') {
      report.add('endpoint.refused', 'endpoint', { host, port, error: 'connection refused' });
    } else if (e.code === 'ETIMEDOUT') {
      report.add('endpoint.timeout', 'endpoint', { host, port, seconds: CONNECT_SECONDS });
    } else if (e.code === 'EPROTO' && /wrong version number/i.test(e.message)) {
      // OpenSSL's words for an https:// URL of a server that speaks plain HTTP.
      report.add('endpoint.failed', 'endpoint', { error: 'it answers in plain HTTP, not HTTPS (use its http:// address)' });
    } else {
      report.add('endpoint.failed', 'endpoint', { error: (e.message || String(err)).trim() });
    }
    return { reachable: false, clockOk: true };
  }
  const how = `${host} resolved to ${resolved}, connected${url.protocol === 'https:' ? ' over TLS' : ''}, HTTP ${answer.status}`;
  report.add('endpoint.ok', 'endpoint', { endpoint: endpointUrl, how });
  const path = endpointPath(endpointUrl);
  if (path) {
    report.add('endpoint.has_path', 'endpoint', { path, base: `${url.protocol}//${url.host}` });
  }
  const date = answer.headers.date;
  return { reachable: true, clockOk: checkClock(report, typeof date === 'string' ? date : undefined, now()) };
}

/**
 * Compare the server's Date with the local clock.
 * @param report - where the finding goes.
 * @param dateHeader - the server's Date header.
 * @param localMs - the local time (ms).
 * @returns false when S3 would refuse signed requests.
 */
function checkClock(report: Report, dateHeader: string | undefined, localMs: number): boolean {
  const serverMs = dateHeader ? Date.parse(dateHeader) : NaN;
  if (Number.isNaN(serverMs)) {
    report.add('clock.unknown', 'clock');
    return true;
  }
  const skew = (localMs - serverMs) / 1000;
  const direction = skew > 0 ? 'ahead of' : 'behind';
  const minutes = Math.round(Math.abs(skew) / 60);
  if (Math.abs(skew) >= SKEW_LIMIT_SECONDS) {
    report.add('clock.skewed', 'clock', { minutes, direction });
    return false;
  }
  if (Math.abs(skew) >= DRIFT_WARNING_SECONDS) {
    report.add('clock.drift', 'clock', { minutes, direction });
  } else {
    report.add('clock.ok', 'clock', { seconds: DRIFT_WARNING_SECONDS });
  }
  return true;
}
