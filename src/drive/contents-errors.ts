/**
 * Errors of the drives as JupyterLab understands them: `ServerConnection.ResponseError`s with an
 * HTTP status, which is how JupyterLab tells "not found" (Save As) or "conflict" (rename) apart.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ServerConnection } from '@jupyterlab/services';
import { documentPathProblem } from './paths';

/** HTTP statuses JupyterLab's documents understand, by engine error kind. */
const STATUS_BY_KIND: Record<string, number> = {
  NotFound: 404,
  Conflict: 409,
  AccessDenied: 403,
  Credentials: 403,
  InvalidInput: 400,
  // The drive's own: a save refused because the object changed on S3 meanwhile (conditional-save.ts).
  Changed: 412
};

/**
 * Runs a drive operation, turning engine errors into `ServerConnection.ResponseError`s.
 * @param operation - the operation.
 * @returns its result.
 */
export async function contentsErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    // A response error is JupyterLab's already; a cancel must keep its name (no error dialog).
    if (err instanceof ServerConnection.ResponseError || (err as Error)?.name === 'ModalCancelError') {
      throw err;
    }
    const status = STATUS_BY_KIND[(err as { kind?: string }).kind ?? ''] ?? 500;
    throw new ServerConnection.ResponseError(new Response(null, { status }), (err as Error).message ?? String(err));
  }
}

/** An error JupyterLab reads as 409 Conflict. */
export function conflict(message: string): Error {
  return Object.assign(new Error(message), { kind: 'Conflict' });
}

/** An error JupyterLab reads as 400 Bad Request. */
export function invalidInput(message: string): Error {
  return Object.assign(new Error(message), { kind: 'InvalidInput' });
}

/**
 * Throws when the key cannot be a document path (see {@link documentPathProblem}): the drive got
 * a path JupyterLab may already have rewritten, so it must not guess which object was meant.
 * @param key - the key of a drive path.
 * @param trans - translations.
 */
export function assertAddressable(key: string, trans: TranslationBundle): void {
  const problem = documentPathProblem(key, trans);
  if (problem) {
    throw invalidInput(problem);
  }
}
