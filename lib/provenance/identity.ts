import "server-only";
import { createPrivateKey, createPublicKey, webcrypto, X509Certificate, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as x509 from "@peculiar/x509";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { appSecret, openSecret, sealSecret } from "@/lib/secrets";
import { coseSigner, type CoseSigner, type SigningAlgorithm } from "./c2pa/cose";

/**
 * Who signs the studio's Content Credentials. The operator's own certificate and key when C2PA_SIGNING_CERT and
 * C2PA_SIGNING_KEY are set (a certificate from a CA on the C2PA trust list makes the credentials "trusted" in
 * every reader); otherwise the instance's own, made once at first use and kept in the database (the key sealed
 * under the instance secret) so every web instance and worker signs as the same signer: a root certificate
 * "Image Studio instance root (self-signed)" and a signing certificate it issued — readers show these
 * credentials as valid but not from a trusted signer, which is what they are.
 */
export interface SigningIdentity {
  signer: CoseSigner;
  /** DER certificates, the signing certificate first. */
  chain: Buffer[];
  /** "operator": from C2PA_SIGNING_CERT/KEY; "instance": made by this studio, self-signed. */
  source: "operator" | "instance";
  /** SHA-256 fingerprints (hex, upper case with colons, as X509Certificate prints them) of every certificate in the chain. */
  fingerprints: string[];
  subject: string;
  issuer: string;
  notAfter: Date;
}

const ROW_ID = "instance";
const sealKey = () => appSecret("c2pa-signing-key:v1");

const globalForIdentity = globalThis as unknown as { imageStudioSigningIdentity?: Promise<SigningIdentity> };

/** The signing identity, loaded (or made) once per process. */
export function signingIdentity(): Promise<SigningIdentity> {
  return (globalForIdentity.imageStudioSigningIdentity ??= load().catch((e) => {
    globalForIdentity.imageStudioSigningIdentity = undefined;
    throw e;
  }));
}

/** Forgets the loaded identity (tests that switch the configuration). */
export function resetSigningIdentityForTests() {
  globalForIdentity.imageStudioSigningIdentity = undefined;
}

async function load(): Promise<SigningIdentity> {
  const config = env();
  if (config.C2PA_SIGNING_CERT || config.C2PA_SIGNING_KEY) {
    if (!config.C2PA_SIGNING_CERT || !config.C2PA_SIGNING_KEY) {
      throw new Error("C2PA_SIGNING_CERT and C2PA_SIGNING_KEY go together: set both (PEM text or file paths), or neither to use the instance's own certificate");
    }
    return identityFrom(pemText(config.C2PA_SIGNING_CERT), pemText(config.C2PA_SIGNING_KEY), "operator");
  }
  const row = (await db().signingIdentity.findUnique({ where: { id: ROW_ID } })) ?? (await createInstanceIdentity());
  return identityFrom(row.certChainPem, openSecret(row.encryptedKey, "c2pa-signing", sealKey()), "instance");
}

/** PEM given inline, or the path of a file holding it. */
function pemText(value: string): string {
  if (value.includes("-----BEGIN")) return value.replace(/\\n/g, "\n");
  if (!existsSync(value)) throw new Error(`C2PA signing: ${value} is neither PEM text nor a readable file`);
  return readFileSync(value, "utf8");
}

export function identityFrom(chainPem: string, keyPem: string, source: SigningIdentity["source"]): SigningIdentity {
  const certs = [...chainPem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => new X509Certificate(m[0]));
  if (!certs.length) throw new Error("C2PA signing: the certificate chain holds no PEM certificate");
  const key = createPrivateKey(keyPem);
  const alg = algorithmOf(key);
  if (!createPublicKey(key).equals(certs[0].publicKey)) throw new Error("C2PA signing: the private key does not belong to the first certificate of the chain");
  const chain = certs.map((c) => Buffer.from(c.raw));
  return {
    signer: coseSigner({ alg, key, chain }),
    chain,
    source,
    fingerprints: certs.map((c) => c.fingerprint256),
    subject: certs[0].subject,
    issuer: certs[0].issuer,
    notAfter: new Date(certs[0].validTo),
  };
}

function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === "ed25519") return "ed25519";
  if (key.asymmetricKeyType === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "prime256v1") return "es256";
    if (curve === "secp384r1") return "es384";
    if (curve === "secp521r1") return "es512";
  }
  throw new Error(`C2PA signing: keys of type ${key.asymmetricKeyType} ${key.asymmetricKeyDetails?.namedCurve ?? ""} are not supported (use ECDSA P-256/P-384/P-521 or Ed25519)`);
}

async function createInstanceIdentity() {
  const made = await makeSelfSignedChain();
  try {
    return await db().signingIdentity.create({
      data: { id: ROW_ID, certChainPem: made.chainPem, encryptedKey: sealSecret(made.keyPem, "c2pa-signing", sealKey()), algorithm: "es256" },
    });
  } catch {
    // Another instance or worker made it first: everyone signs with that one.
    return db().signingIdentity.findUniqueOrThrow({ where: { id: ROW_ID } });
  }
}

/**
 * A root certificate of this instance (self-signed, may sign certificates) and an ECDSA P-256 signing certificate it
 * issued with the profile C2PA validators check: digitalSignature key usage, the emailProtection extended key usage,
 * not a CA, key identifiers. Ten years.
 */
export async function makeSelfSignedChain(name = "Image Studio") {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const subtle = webcrypto.subtle;
  const rootKeys = (await subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const signKeys = (await subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const serial = () => Buffer.from(webcrypto.getRandomValues(new Uint8Array(12))).toString("hex").replace(/^[89a-f]/, "1");
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name} instance root (self-signed), O=${name}`,
    notBefore,
    notAfter,
    keys: rootKeys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${name} content credentials signer, O=${name}`,
    issuer: root.subject,
    notBefore,
    notAfter,
    signingKey: rootKeys.privateKey,
    publicKey: signKeys.publicKey,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.4"], false),
      await x509.SubjectKeyIdentifierExtension.create(signKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(root, false),
    ],
  });
  const keyPem = createPrivateKey({ key: Buffer.from(await subtle.exportKey("pkcs8", signKeys.privateKey)), format: "der", type: "pkcs8" }).export({ format: "pem", type: "pkcs8" }) as string;
  return { chainPem: `${leaf.toString("pem")}\n${root.toString("pem")}\n`, keyPem };
}

