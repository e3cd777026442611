import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { makeSelfSignedChain, resetSigningIdentityForTests } from "@/lib/provenance/identity";

/**
 * Unit tests sign without a database: for the tests of the enclosing `describe`, the studio signs with a fresh
 * chain given as the operator's (C2PA_SIGNING_CERT/KEY), as an operator would configure it; restored afterwards.
 */
export function useTestSigningIdentity(name = "Test Studio") {
  beforeAll(async () => {
    const { chainPem, keyPem } = await makeSelfSignedChain(name);
    Object.assign(process.env, { C2PA_SIGNING_CERT: chainPem, C2PA_SIGNING_KEY: keyPem });
    resetEnvForTests();
    resetSigningIdentityForTests();
  });
  afterAll(() => {
    delete process.env.C2PA_SIGNING_CERT;
    delete process.env.C2PA_SIGNING_KEY;
    resetEnvForTests();
    resetSigningIdentityForTests();
  });
}
