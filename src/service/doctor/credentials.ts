/**
 * Which credentials `helium doctor` finds, and where from, never a key (not even part of one).
 *
 * The Node SDK tells only partly where credentials came from: resolved credentials carry
 * `$source` feature flags (environment, profile, SSO, web identity, process, container, instance
 * metadata) but not which file a profile is in. What the SDK does not say is read from the
 * environment and the AWS config files' section names, and said as such.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@smithy/types';
import { readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { Report } from './rules';

/** The environment the chain reads. */
type Env = Record<string, string | undefined>;

/**
 * The profile sections of an AWS config or credentials file.
 * @param path - the file.
 * @param isConfig - whether it is the config file (`[profile x]`, and `[default]`).
 * @returns profile name → its keys (lower case).
 */
export function profilesIn(path: string, isConfig: boolean): Map<string, Set<string>> {
  const profiles = new Map<string, Set<string>>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return profiles;
  }
  let current: Set<string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section) {
      const name = section[1];
      const profile = isConfig ? (name === 'default' ? 'default' : /^profile\s+(.+)$/.exec(name)?.[1]) : name;
      current = profile ? (profiles.get(profile) ?? new Set()) : undefined;
      if (profile && current) {
        profiles.set(profile, current);
      }
      continue;
    }
    const key = /^\s*([A-Za-z0-9_]+)\s*=/.exec(line);
    if (key && current) {
      current.add(key[1].toLowerCase());
    }
  }
  return profiles;
}

/**
 * Whether a profile is in the AWS credentials or config file.
 * @param profile - its name.
 * @param env - the environment (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE).
 * @returns true when either file has it.
 */
export function profileExists(profile: string, env: Env): boolean {
  const where = files(env);
  return profilesIn(where.credentials, false).has(profile) || profilesIn(where.config, true).has(profile);
}

/** The files the chain reads. */
function files(env: Env): { credentials: string; config: string } {
  return {
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials'),
    config: env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config')
  };
}

/**
 * Where resolved credentials came from, in the server check's words.
 * @param creds - the resolved credentials (their `$source` flags).
 * @param profile - the profile in use.
 * @param env - the environment.
 * @returns the source, in words.
 */
export function describeSource(creds: AwsCredentialIdentity, profile: string, env: Env): string {
  const source = new Set(Object.keys((creds as { $source?: Record<string, string> }).$source ?? {}));
  const has = (...flags: string[]) => flags.some(f => source.has(f));
  const where = files(env);
  if (has('CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', 'CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN')) {
    return "a role assumed with a web identity token (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, or the profile's web_identity_token_file)";
  }
  if (has('CREDENTIALS_SSO', 'CREDENTIALS_SSO_LEGACY', 'CREDENTIALS_PROFILE_SSO', 'CREDENTIALS_PROFILE_SSO_LEGACY')) {
    return `AWS IAM Identity Center (SSO) through the profile "${profile}"`;
  }
  if (has('CREDENTIALS_PROFILE_SOURCE_PROFILE', 'CREDENTIALS_STS_ASSUME_ROLE')) {
    return `a role assumed through the profile "${profile}" (role_arn)`;
  }
  if (has('CREDENTIALS_PROCESS', 'CREDENTIALS_PROFILE_PROCESS')) {
    return `the credential_process of the profile "${profile}"`;
  }
  if (has('CREDENTIALS_LOGIN', 'CREDENTIALS_PROFILE_LOGIN')) {
    return `an "aws login" session through the profile "${profile}"`;
  }
  if (has('CREDENTIALS_ENV_VARS')) {
    const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', ...(env.AWS_SESSION_TOKEN ? ['AWS_SESSION_TOKEN'] : [])];
    return `environment variables (${names.join(', ')})`;
  }
  if (has('CREDENTIALS_PROFILE')) {
    // The SDK does not say which file: the credentials file wins when both hold the profile.
    const inCredentials = profilesIn(where.credentials, false).get(profile)?.has('aws_access_key_id');
    return `the profile "${profile}" in ${inCredentials ? where.credentials : where.config}`;
  }
  if (has('CREDENTIALS_HTTP')) {
    return "the container's role (the ECS/EKS credentials endpoint)";
  }
  if (has('CREDENTIALS_IMDS')) {
    return "the instance's role (EC2 instance metadata)";
  }
  return "the AWS SDK's default chain (it did not say which provider)";
}

/**
 * Find the credentials the CLI would use, and add the finding.
 * @param report - where the finding goes.
 * @param s3 - a client made as the CLI makes it (its credential chain is the CLI's).
 * @param profile - the profile named with --profile or AWS_PROFILE, if any.
 * @param env - the environment.
 * @returns the credentials, or undefined when there are none to use.
 */
export async function findCredentials(
  report: Report,
  s3: S3Client,
  profile: string | undefined,
  env: Env
): Promise<AwsCredentialIdentity | undefined> {
  if (profile && !profileExists(profile, env)) {
    report.add('credentials.profile_missing', 'credentials', { profile });
    return undefined;
  }
  let creds: AwsCredentialIdentity;
  try {
    creds = await s3.config.credentials();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/could not load credentials from any providers/i.test(message)) {
      report.add('credentials.none', 'credentials');
    } else if (/expired|refresh/i.test(message)) {
      report.add('credentials.expired', 'credentials', { code: (err as Error).name });
    } else {
      report.add('credentials.error', 'credentials', { error: message.replace(/\.\s*$/, '') });
    }
    return undefined;
  }
  if (!creds.accessKeyId || !creds.secretAccessKey) {
    report.add('credentials.none', 'credentials');
    return undefined;
  }
  report.add('credentials.found', 'credentials', { source: describeSource(creds, profile ?? 'default', env) });
  return creds;
}
