// Shared by the provider adapter tests.
import sharp from "sharp";
import { expect } from "vitest";
import { ProviderError } from "@/lib/providers/types";

/** Width and height of encoded image bytes. */
export async function imageSize(data: Buffer): Promise<[number | undefined, number | undefined]> {
  const meta = await sharp(data).metadata();
  return [meta.width, meta.height];
}

/** Awaits a call that must fail with a ProviderError, and returns it. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
