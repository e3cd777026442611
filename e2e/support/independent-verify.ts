/**
 * `verifyIndependently` (tests/support/c2pa-verify.ts: C2PA validation by @trustnxt/c2pa-ts, the second
 * implementation) for the e2e specs. That package is ESM-only (its subpaths export an "import" condition alone),
 * which Playwright's CommonJS transform of the specs cannot require; jiti (a devDependency of its own, though
 * Tailwind's build brings it too) loads the helper with ESM interop, in this process.
 */
import path from "node:path";
import { createJiti } from "jiti";
import type { IndependentVerdict } from "../../tests/support/c2pa-verify";

type Verifier = typeof import("../../tests/support/c2pa-verify");

let loaded: Promise<Verifier> | null = null;

export async function verifyIndependently(bytes: Uint8Array): Promise<IndependentVerdict> {
  loaded ??= createJiti(__filename).import<Verifier>(path.join(__dirname, "../../tests/support/c2pa-verify.ts"));
  return (await loaded).verifyIndependently(bytes);
}
