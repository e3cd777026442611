// Content Credentials as the providers embed them in the images they return (OpenAI and Google sign every picture
// with a C2PA manifest: a `c2pa.created` action, digital source type trainedAlgorithmicMedia, the model as software
// agent). The fakes sign with their own certificate chain — "Fake OpenAI", "Fake Google", made by
// makeSelfSignedChain — through the C2PA engine directly, never with the studio's identity: what the studio keeps
// in its chain is then recognisably the provider's manifest, signed by someone else.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { coseSigner, type CoseSigner } from "@/lib/provenance/c2pa/cose";
import { asBlob, c2pa } from "@/lib/provenance/c2pa/engine";
import { makeSelfSignedChain } from "@/lib/provenance/identity";

export const TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

const mimeOf = (bytes: Uint8Array): string => {
  const head = Buffer.from(bytes.subarray(0, 12));
  if (head[0] === 0x89 && head.toString("latin1", 1, 4) === "PNG") return "image/png";
  if (head[0] === 0xff && head[1] === 0xd8) return "image/jpeg";
  if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") return "image/webp";
  if (head.toString("latin1", 0, 3) === "GIF") return "image/gif";
  if (head.toString("latin1", 4, 8) === "ftyp") return "image/avif";
  throw new Error("a fake provider's answer in an unknown format");
};

const signers = new Map<string, Promise<CoseSigner>>();

/** The signer of a fake provider ("Fake OpenAI"): its own root and signing certificate, made once per process. */
export function providerSigner(name: string): Promise<CoseSigner> {
  let signer = signers.get(name);
  if (!signer) {
    signer = makeSelfSignedChain(name).then(({ chainPem, keyPem }) => {
      const chain = [...chainPem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => Buffer.from(new X509Certificate(m[0]).raw));
      return coseSigner({ alg: "es256", key: createPrivateKey(keyPem), chain });
    });
    signers.set(name, signer);
  }
  return signer;
}

/**
 * The image with the provider's manifest embedded: created by `model` (trainedAlgorithmicMedia), claim generator
 * and signer `name` ("Fake OpenAI" / "Fake Google").
 */
export async function signedLikeProvider(image: Buffer, name: string, model: string): Promise<Buffer> {
  const [engine, signer] = await Promise.all([c2pa(), providerSigner(name)]);
  const format = mimeOf(image);
  const definition = {
    claim_generator_info: [{ name, version: "1.0" }],
    title: `image.${format.slice(6)}`,
    format,
    assertions: [{ label: "c2pa.actions.v2", data: { actions: [{ action: "c2pa.created", digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: { name: model } }] } }],
  };
  const builder = engine.WasmBuilder.fromJson(JSON.stringify(definition), JSON.stringify({ builder: { thumbnail: { enabled: false } } }));
  try {
    const signed = await builder.sign(
      { alg: signer.alg, reserveSize: signer.reserveSize, sign: async (data) => (await signer.sign(data)) as Uint8Array<ArrayBuffer> },
      [],
      format,
      asBlob(image),
    );
    return Buffer.from(signed.buffer, signed.byteOffset, signed.byteLength);
  } finally {
    builder.free();
  }
}
