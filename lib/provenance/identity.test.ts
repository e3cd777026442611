import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { identityFrom, makeSelfSignedChain } from "./identity";

describe("signing identity", () => {
  it("makes a root and a signing certificate: the signing one first, issued by the root, 10 years", async () => {
    const { chainPem, keyPem } = await makeSelfSignedChain("Unit Studio");
    const identity = identityFrom(chainPem, keyPem, "instance");
    expect(identity.chain).toHaveLength(2);
    expect(identity.subject).toContain("Unit Studio content credentials signer");
    expect(identity.issuer).toContain("Unit Studio instance root (self-signed)");
    expect(identity.signer.alg).toBe("es256");
    expect(identity.notAfter.getTime() - Date.now()).toBeGreaterThan(9 * 365 * 86_400_000);
  });

  it("refuses a key that is not the certificate's, and key types C2PA signing here does not support", async () => {
    const { chainPem } = await makeSelfSignedChain();
    const other = await makeSelfSignedChain();
    expect(() => identityFrom(chainPem, other.keyPem, "operator")).toThrow(/does not belong to the first certificate/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs8" }) as string;
    expect(() => identityFrom(chainPem, rsa, "operator")).toThrow(/not supported/);
    expect(() => identityFrom("no pem here", other.keyPem, "operator")).toThrow(/no PEM certificate/);
  });

  it("the COSE signature always fills exactly the reserved size", async () => {
    const { chainPem, keyPem } = await makeSelfSignedChain();
    const { signer } = identityFrom(chainPem, keyPem, "instance");
    for (const size of [1, 455, 5000]) expect((await signer.sign(new Uint8Array(size))).length).toBe(signer.reserveSize);
  });
});

describe("CBOR for COSE", () => {
  it("encodes the RFC 8949 appendix A examples it needs", async () => {
    const { encode } = await import("./c2pa/cose");
    const hex = (v: Parameters<typeof encode>[0]) => encode(v).toString("hex");
    expect(hex(0)).toBe("00");
    expect(hex(23)).toBe("17");
    expect(hex(24)).toBe("1818");
    expect(hex(1000)).toBe("1903e8");
    expect(hex(1000000)).toBe("1a000f4240");
    expect(hex(-1)).toBe("20");
    expect(hex(-7)).toBe("26");
    expect(hex(-1000)).toBe("3903e7");
    expect(hex(null)).toBe("f6");
    expect(hex(new Uint8Array([1, 2, 3, 4]))).toBe("4401020304");
    expect(hex("IETF")).toBe("6449455446");
    expect(hex([1, [2, 3], [4, 5]])).toBe("8301820203820405");
    expect(hex(new Map<number | string, number>([[1, 2], [3, 4]]))).toBe("a201020304");
    expect(hex({ tag: 18, value: [] })).toBe("d280");
  });
});
