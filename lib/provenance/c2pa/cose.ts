import { sign as nodeSign, type KeyObject } from "node:crypto";
import { Encoder, Tag } from "cbor-x";

/**
 * COSE_Sign1 (RFC 9052) as C2PA wants it for a claim signature: the algorithm and the certificate chain
 * (`x5chain`, label 33) in the protected header, a detached payload (the claim), and the unprotected header
 * padded with zeros (`pad`) so the structure fills exactly the space reserved for it in the manifest — the asset
 * is hashed before the signature exists, so its size must not change.
 *
 * The engine (c2pa-rs as WebAssembly) takes a finished COSE structure from the signer ("direct COSE handling"),
 * so the studio builds it here; the key never leaves this process.
 */
// Plain CBOR maps and byte strings (cbor-x would otherwise tag non-string-keyed maps 259 and typed arrays 64).
const cbor = new Encoder({ useTag259ForMaps: false, tagUint8Array: false, useRecords: false, mapsAsObjects: false } as ConstructorParameters<typeof Encoder>[0]);
const encode = (value: unknown) => cbor.encode(value) as Buffer;

export type SigningAlgorithm = "es256" | "es384" | "es512" | "ed25519";

/** COSE algorithm ids (IANA) and the digest each signs with. */
const algorithms: Record<SigningAlgorithm, { id: number; hash: string | null; p1363: boolean }> = {
  es256: { id: -7, hash: "sha256", p1363: true },
  es384: { id: -35, hash: "sha384", p1363: true },
  es512: { id: -36, hash: "sha512", p1363: true },
  ed25519: { id: -8, hash: null, p1363: false },
};

export interface CoseSigner {
  alg: SigningAlgorithm;
  /** The exact size of every signature (the engine reserves it in the manifest before hashing). */
  reserveSize: number;
  sign(claim: Uint8Array): Promise<Uint8Array>;
}

/** A signer for a private key and its certificate chain (DER, the signing certificate first). */
export function coseSigner(options: { alg: SigningAlgorithm; key: KeyObject; chain: Buffer[] }): CoseSigner {
  const alg = algorithms[options.alg];
  const protectedHeader = encode(new Map<number, unknown>([[1, alg.id], [33, options.chain.length === 1 ? options.chain[0] : options.chain]]));
  // Chain + signature + COSE framing, with room to spare; the unused part is the zero padding.
  const reserveSize = options.chain.reduce((n, c) => n + c.length, 0) + 1024;
  return {
    alg: options.alg,
    reserveSize,
    async sign(claim) {
      const toBeSigned = encode(["Signature1", protectedHeader, Buffer.alloc(0), Buffer.from(claim.buffer, claim.byteOffset, claim.byteLength)]);
      const signature = nodeSign(alg.hash, toBeSigned, alg.p1363 ? { key: options.key, dsaEncoding: "ieee-p1363" } : options.key);
      return padded((pad) => encode(new Tag([protectedHeader, new Map([["pad", Buffer.alloc(pad)]]), null, signature], 18)), reserveSize);
    },
  };
}

/** The encoding whose padding makes it exactly `size` bytes (a length prefix grows by steps, hence the search). */
function padded(encodeWith: (pad: number) => Buffer, size: number): Uint8Array {
  const bare = encodeWith(0).length;
  if (bare > size) throw new Error(`The COSE signature (${bare} bytes) does not fit the ${size} bytes reserved for it`);
  for (let pad = size - bare; pad >= 0; pad--) {
    const out = encodeWith(pad);
    if (out.length === size) return new Uint8Array(out.buffer, out.byteOffset, out.length);
    if (out.length < size) break;
  }
  throw new Error(`No padding makes the COSE signature exactly ${size} bytes`);
}
