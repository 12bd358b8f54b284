/**
 * Where `helium doctor` says credentials come from: the SDK's `$source` flags, the AWS files'
 * profile sections (config: `[profile x]` and `[default]`; credentials: `[x]`), never a key.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describeSource, profileExists, profilesIn } from './credentials';

const dir = mkdtempSync(join(tmpdir(), 'helium-doctor-creds-'));
const config = join(dir, 'config');
const credentials = join(dir, 'credentials');
writeFileSync(
  config,
  '[default]\nregion = eu-west-1\n[profile sso-team]\nsso_session = corp\nsso_account_id = 1\n[sso-session corp]\nsso_start_url = https://x\n'
);
writeFileSync(credentials, '[static]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n');
const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };

it('reads profile sections and their keys from both files', () => {
  expect([...profilesIn(config, true).keys()]).toEqual(['default', 'sso-team']);
  expect(profilesIn(config, true).get('sso-team')).toEqual(new Set(['sso_session', 'sso_account_id']));
  expect([...profilesIn(credentials, false).keys()]).toEqual(['static']);
  expect([profileExists('static', env), profileExists('sso-team', env), profileExists('corp', env)]).toEqual([true, true, false]);
  expect(profilesIn(join(dir, 'missing'), true).size).toBe(0);
});

it('names the source from the SDK flags, and the file a profile is in', () => {
  const creds = (flags: string[]) => ({
    accessKeyId: 'AKIAEXAMPLE',
    secretAccessKey: 's',
    $source: Object.fromEntries(flags.map(f => [f, 'x']))
  });
  expect(describeSource(creds(['CREDENTIALS_PROFILE']), 'static', env)).toBe(`the profile "static" in ${credentials}`);
  expect(describeSource(creds(['CREDENTIALS_PROFILE', 'CREDENTIALS_PROFILE_SSO', 'CREDENTIALS_SSO']), 'sso-team', env)).toBe(
    'AWS IAM Identity Center (SSO) through the profile "sso-team"'
  );
  expect(describeSource(creds(['CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN']), 'default', env)).toMatch(
    /^a role assumed with a web identity token/
  );
  expect(describeSource(creds(['CREDENTIALS_ENV_VARS']), 'default', { ...env, AWS_SESSION_TOKEN: 't' })).toBe(
    'environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)'
  );
  expect(describeSource(creds(['CREDENTIALS_IMDS']), 'default', env)).toBe("the instance's role (EC2 instance metadata)");
  expect(describeSource(creds([]), 'default', env)).toBe("the AWS SDK's default chain (it did not say which provider)");
  for (const flags of [['CREDENTIALS_PROFILE'], ['CREDENTIALS_ENV_VARS']]) {
    expect(describeSource(creds(flags), 'static', env)).not.toMatch(/AKIAEXAMPLE/);
  }
});
