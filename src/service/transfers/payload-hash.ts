/**
 * Giving the SigV4 signer the body's SHA-256 we already computed for S3's checksum: without it,
 * the signer hashes every body it signs a second time (`x-amz-content-sha256`), on the main
 * thread, for every part of an upload.
 */
import type { MetadataBearer } from '@aws-sdk/types';
import type { BuildHandlerArguments, BuildMiddleware, MiddlewareStack } from '@smithy/types';
import { toHex } from '../checksum';

/** A command whose middleware stack we can add to. */
interface CommandWithStack {
  middlewareStack: MiddlewareStack<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Send a command with `x-amz-content-sha256` set to the SHA-256 of its body, so the signer uses
 * it instead of hashing the body again (a signer that does not sign, like the browser's proxy
 * client, leaves it and the proxy drops it).
 * @param command - a command whose body has this digest.
 * @param digest - the raw SHA-256 of the body.
 * @returns the same command.
 */
export function withPayloadSha256<C extends CommandWithStack>(command: C, digest: Uint8Array): C {
  const hex = toHex(digest);
  const setHeader: BuildMiddleware<object, MetadataBearer> = next => (args: BuildHandlerArguments<object>) => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) {
      request.headers['x-amz-content-sha256'] = hex;
    }
    return next(args);
  };
  command.middlewareStack.add(setHeader, { name: 'heliumPayloadSha256', step: 'build', override: true });
  return command;
}
