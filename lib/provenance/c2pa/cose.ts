import { sign as nodeSign, type KeyObject } from "node:crypto";

/**
 * COSE_Sign1 (RFC 9052) as C2PA wants it for a claim signature: the algorithm and the certificate chain
 * (`x5chain`, label 33) in the protected header, a detached payload (the claim), and the unprotected header
 * padded with zeros (`pad`) so the structure fills exactly the space reserved for it in the manifest — the asset
 * is hashed before the signature exists, so its size must not change.
 *
 * The engine (c2pa-rs as WebAssembly) takes a finished COSE structure from the signer ("direct COSE handling"),
 * so the studio builds it here; the key never leaves this process.
 */
/**
 * The few CBOR (RFC 8949) items COSE needs, deterministically encoded: unsigned/negative integers, byte and text
 * strings, arrays, maps (in the order given), null and a tag. Small enough to own rather than depend on a CBOR
 * library whose native add-on has a package per platform.
 */
type Cbor = number | string | null | Uint8Array | Cbor[] | Map<number | string, Cbor> | { tag: number; value: Cbor };

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

export function encode(item: Cbor): Buffer {
  if (item === null) return Buffer.from([0xf6]);
  if (typeof item === "number") {
    if (!Number.isInteger(item) || Math.abs(item) > 0xffffffff) throw new Error(`CBOR: ${item} is not a small integer`);
    return item >= 0 ? head(0, item) : head(1, -1 - item);
  }
  if (typeof item === "string") {
    const bytes = Buffer.from(item, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (item instanceof Uint8Array) return Buffer.concat([head(2, item.length), item]);
  if (Array.isArray(item)) return Buffer.concat([head(4, item.length), ...item.map(encode)]);
  if (item instanceof Map) return Buffer.concat([head(5, item.size), ...[...item].flatMap(([k, v]) => [encode(k), encode(v)])]);
  return Buffer.concat([head(6, item.tag), encode(item.value)]);
}

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
  const protectedHeader = encode(new Map<number, Cbor>([[1, alg.id], [33, options.chain.length === 1 ? options.chain[0] : options.chain]]));
  // Chain + signature + COSE framing, with room to spare; the unused part is the zero padding.
  const reserveSize = options.chain.reduce((n, c) => n + c.length, 0) + 1024;
  return {
    alg: options.alg,
    reserveSize,
    async sign(claim) {
      const toBeSigned = encode(["Signature1", protectedHeader, Buffer.alloc(0), Buffer.from(claim.buffer, claim.byteOffset, claim.byteLength)]);
      const signature = nodeSign(alg.hash, toBeSigned, alg.p1363 ? { key: options.key, dsaEncoding: "ieee-p1363" } : options.key);
      return padded((pad) => encode({ tag: 18, value: [protectedHeader, new Map([["pad", Buffer.alloc(pad)]]), null, signature] }), reserveSize);
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
