/**
 * A credentials error of any command, said more exactly when a profile is named (`--profile` or
 * AWS_PROFILE): the SDK only says "Could not load credentials from any providers", so whether the
 * profile exists is read from the AWS files, and the message is `helium doctor`'s.
 */
import { HeliumError } from '../service/error-class';
import { profileExists } from '../service/doctor/credentials';
import { Report } from '../service/doctor/rules';
import { errorMessage } from './errors';

/**
 * The error to report for a credentials failure.
 * @param err - the mapped error (kind `Credentials`).
 * @param profile - the profile named, if any.
 * @param fromOption - whether it was named with --profile (else AWS_PROFILE).
 * @returns the error to show.
 */
export function credentialsError(err: HeliumError, profile: string | undefined, fromOption: boolean): HeliumError {
  if (!profile) {
    return err;
  }
  if (!profileExists(profile, process.env)) {
    const finding = new Report('cli').add('credentials.profile_missing', 'credentials', { profile });
    return new HeliumError('Credentials', `${finding.detail} ${finding.fix}`, { code: 'ProfileNotFound', cause: err });
  }
  if (!fromOption || err.code !== 'CredentialsProviderError') {
    return err; // expired, skewed, refused keys: the profile exists, and the message says what to do
  }
  return new HeliumError(
    'Credentials',
    `${errorMessage(err)} (With --profile ${profile}: check that this profile exists in ~/.aws/config or ~/.aws/credentials and has credentials.)`,
    { code: err.code, cause: err }
  );
}
