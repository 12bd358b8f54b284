/**
 * Exit codes: one rule for "the command was given a bad value" (exit 2), whichever layer noticed it.
 */
import { HeliumError } from '../service/error-class';
import { assertValidPackageName } from '../service/snapshots/names';
import { failure } from '../testing/failure';
import { exitCodeFor, isUsageError, UsageError } from './errors';

it('exits 2 for the engine’s invalid-value errors as for the command’s own usage errors', async () => {
  // `helium snapshot --name 'Bad Name'` exited 1 (the engine refused the name) where
  // `helium tag --package 'Bad Name'` exited 2 (the command re-wrapped the same error).
  const badName = await failure(Promise.resolve().then(() => assertValidPackageName('Bad Name')));
  expect(badName.code).toBe('InvalidPackageName');
  expect(exitCodeFor(badName)).toBe(2);
  for (const code of ['InvalidBucketName', 'InvalidKey', 'InvalidTopHash', 'InvalidTagName', 'MetadataTooLarge', 'QuerySyntax']) {
    expect([code, exitCodeFor(new HeliumError('InvalidInput', 'x', { code }))]).toEqual([code, 2]);
  }
  expect(exitCodeFor(new UsageError('x'))).toBe(2);
});

it('exits 1 for what was found rather than given, and 130 when cancelled', () => {
  for (const code of ['SkippedKeys', 'NameClash', 'InvalidManifest', undefined]) {
    const err = new HeliumError('InvalidInput', 'x', code ? { code } : {});
    expect([code, isUsageError(err), exitCodeFor(err)]).toEqual([code, false, 1]);
  }
  // An invalid-value code of another kind is not a usage error.
  expect(exitCodeFor(new HeliumError('NotFound', 'x', { code: 'InvalidKey' }))).toBe(1);
  expect(exitCodeFor(new HeliumError('InvalidInput', 'x', { code: 'InvalidKey' }), true)).toBe(130);
});
