/**
 * Unit tests of the shared multipart sequence (create, parts, complete, abort) with a stub
 * client: bounded concurrency, stop and abort at the first failure, a cancel during create, and a
 * retried Complete whose first answer was lost.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { CompletedPart, S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { MultipartRunOptions, runMultipart } from './multipart-run';

const s3Error = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const dropped = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

/** A stub client that records the commands the runner itself sends (abort, list parts). */
function stubClient(): { s3: S3Client; sent: string[] } {
  const sent: string[] = [];
  const s3 = {
    send: async (command: { constructor: { name: string } }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push(name);
      if (name === 'ListParts') {
        throw s3Error('NoSuchUpload', 404);
      }
      return {};
    }
  } as unknown as S3Client;
  return { s3, sent };
}

/** Options with steps that succeed, recording what they were asked. */
function options(s3: S3Client, overrides: Partial<MultipartRunOptions<string>> = {}): MultipartRunOptions<string> {
  return {
    s3,
    target: { bucket: 'b', key: 'k' },
    count: 10,
    concurrency: 3,
    retries: 2,
    action: 'UploadPart',
    noun: 'upload',
    create: async () => 'up-1',
    part: async index => ({ PartNumber: index + 1, ETag: `"e${index + 1}"` }),
    complete: async (_id, parts) => parts.map(p => p.ETag).join(','),
    confirmCompleted: async () => undefined,
    ...overrides
  };
}

describe('runMultipart', () => {
  it('stores every part with at most `concurrency` in flight and completes them in order', async () => {
    const { s3, sent } = stubClient();
    let inFlight = 0;
    let maxInFlight = 0;
    let completedWith: CompletedPart[] = [];
    const result = await runMultipart(
      options(s3, {
        part: async (index, ctx) => {
          expect(ctx.uploadId).toBe('up-1');
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise(resolve => setTimeout(resolve, 10 - index));
          inFlight--;
          return { PartNumber: index + 1, ETag: `"e${index + 1}"` };
        },
        complete: async (_id, parts) => {
          completedWith = parts;
          return 'done';
        }
      })
    );
    expect(result).toBe('done');
    expect(maxInFlight).toBe(3);
    expect(completedWith.map(p => p.PartNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sent).toEqual([]);
  });

  it('stops starting parts after the first failure, cancels the others, and aborts the upload', async () => {
    const { s3, sent } = stubClient();
    const started: number[] = [];
    let othersCancelled = 0;
    let completed = false;
    const err = await failure(
      runMultipart(
        options(s3, {
          concurrency: 2,
          part: async (index, ctx) => {
            started.push(index);
            if (index === 1) {
              throw s3Error('AccessDenied', 403);
            }
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(resolve, 1000);
              ctx.signal.addEventListener('abort', () => {
                clearTimeout(timer);
                othersCancelled++;
                reject(ctx.signal.reason);
              });
            });
            return { PartNumber: index + 1 };
          },
          complete: async () => {
            completed = true;
            return 'no';
          }
        })
      )
    );
    expect(err.kind).toBe('AccessDenied');
    expect(started).toEqual([0, 1]);
    expect(othersCancelled).toBe(1);
    expect(completed).toBe(false);
    expect(sent).toEqual(['AbortMultipartUpload', 'ListParts']);
  });

  it('lets a create cancelled in flight answer, then aborts the upload it started', async () => {
    const { s3, sent } = stubClient();
    const controller = new AbortController();
    let partsStarted = 0;
    const err = await failure(
      runMultipart(
        options(s3, {
          signal: controller.signal,
          create: async () => {
            controller.abort();
            await new Promise(resolve => setTimeout(resolve, 20));
            return 'up-late';
          },
          part: async index => {
            partsStarted++;
            return { PartNumber: index + 1 };
          }
        })
      )
    );
    expect(err.kind).toBe('Cancelled');
    expect(partsStarted).toBe(0);
    expect(sent).toEqual(['AbortMultipartUpload', 'ListParts']);
  });

  it('a retried Complete answered NoSuchUpload succeeds when the object is confirmed as ours, without an abort', async () => {
    const { s3, sent } = stubClient();
    let attempts = 0;
    const result = await runMultipart(
      options(s3, {
        complete: async () => {
          attempts++;
          throw attempts === 1 ? dropped() : s3Error('NoSuchUpload', 404);
        },
        confirmCompleted: async parts => `confirmed ${parts.length}`
      })
    );
    expect(result).toBe('confirmed 10');
    expect(attempts).toBe(2);
    expect(sent).toEqual([]);
  });

  it('fails (and aborts) when the object after NoSuchUpload is not ours, or there is none', async () => {
    for (const confirmCompleted of [async () => undefined, async () => Promise.reject(s3Error('NotFound', 404))]) {
      const { s3, sent } = stubClient();
      let attempts = 0;
      const err = await failure(
        runMultipart(
          options(s3, {
            complete: async () => {
              attempts++;
              throw attempts === 1 ? dropped() : s3Error('NoSuchUpload', 404);
            },
            confirmCompleted
          })
        )
      );
      expect(err).toMatchObject({ kind: 'Conflict', code: 'NoSuchUpload' });
      expect(err.message).toContain('s3://b/k');
      expect(sent).toEqual(['AbortMultipartUpload', 'ListParts']);
    }
  });

  it('does not ask for confirmation when the FIRST Complete answers NoSuchUpload', async () => {
    const { s3 } = stubClient();
    let asked = false;
    const err = await failure(
      runMultipart(
        options(s3, {
          complete: async () => Promise.reject(s3Error('NoSuchUpload', 404)),
          confirmCompleted: async () => {
            asked = true;
            return 'no';
          }
        })
      )
    );
    expect(err.kind).toBe('NotFound');
    expect(asked).toBe(false);
  });

  it('says when the partial upload could not be removed', async () => {
    const sent: string[] = [];
    const s3 = {
      send: async (command: { constructor: { name: string } }) => {
        sent.push(command.constructor.name);
        throw s3Error('AccessDenied', 403);
      }
    } as unknown as S3Client;
    const err = await failure(
      runMultipart(
        options(s3, {
          noun: 'copy',
          part: async () => Promise.reject(s3Error('InvalidRequest', 400))
        })
      )
    );
    expect(err.message).toContain('Its partial copy could not be removed');
    expect(sent).toEqual(['AbortMultipartUploadCommand']);
  });
});
