/** Test helper: the typed error a promise rejects with. */
import { HeliumError } from '../service/error-class';

/**
 * The HeliumError a promise rejects with; fails the test when it resolves or rejects otherwise.
 * @param promise - the call expected to fail.
 * @returns its error.
 */
export async function failure(promise: Promise<unknown>): Promise<HeliumError> {
  const err = await promise.then(
    () => undefined,
    e => e
  );
  expect(err).toBeInstanceOf(HeliumError);
  return err as HeliumError;
}
