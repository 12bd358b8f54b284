/**
 * Signed calls of AWS's Query protocol (STS GetCallerIdentity, IAM SimulatePrincipalPolicy) for
 * `helium doctor`, with the SDK's own SigV4 signer: no STS or IAM client is bundled for two calls.
 * Answers are read with two regular expressions (the fields used are plain text).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { httpRequest } from './http';

/** A Query-protocol answer: its status, its error code (if any), and its body. */
export interface QueryAnswer {
  status: number;
  code?: string;
  body: string;
}

/**
 * Send a signed Query-protocol POST.
 * @param endpoint - the service endpoint URL.
 * @param service - `sts` or `iam`.
 * @param region - the signing region.
 * @param credentials - the credentials.
 * @param params - Action, Version and the action's parameters.
 * @returns the answer (network failures reject).
 */
export async function queryCall(
  endpoint: string,
  service: 'sts' | 'iam',
  region: string,
  credentials: AwsCredentialIdentity,
  params: Record<string, string>
): Promise<QueryAnswer> {
  const url = new URL(endpoint);
  const body = new URLSearchParams(params).toString();
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname.replace(/\/?$/, '/'),
    query: {},
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body
  });
  const answer = await httpRequest(`${url.protocol}//${url.host}${url.pathname.replace(/\/?$/, '/')}`, {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body,
    timeoutMs: 15_000
  });
  const code = answer.status >= 300 ? (/<Code>([^<]*)<\/Code>/.exec(answer.body)?.[1] ?? `HTTP ${answer.status}`) : undefined;
  return { status: answer.status, code, body: answer.body };
}

/**
 * The text of every `<tag>` in an XML answer.
 * @param body - the XML.
 * @param tag - the element name.
 * @returns their texts.
 */
export function xmlTexts(body: string, tag: string): string[] {
  return [...body.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map(m => m[1]);
}
