import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { verifyIndependently, WebPAsset } from "@/tests/support/c2pa-verify";
import { createdActions, derivedActions, modelAgent, PARENT_LABEL, processingAction } from "./actions";
import { readManifestStore } from "./read";
import { signAsset } from "./sign";
import { useTestSigningIdentity } from "@/tests/support/signing";

// The WebP adapter of the independent reader (tests/support/c2pa-verify.ts): c2pa-ts validates what c2pa-rs wrote.
describe("c2pa-ts reads studio-signed WebP through WebPAsset", () => {
  useTestSigningIdentity();

  const picture = () => sharp({ create: { width: 96, height: 64, channels: 3, background: "#3a7" } }).webp({ quality: 80 }).toBuffer();

  it("a signed WebP (with a signed PNG parent) validates, chain and all", async () => {
    const parent = await signAsset(await sharp({ create: { width: 96, height: 64, channels: 3, background: "#3a7" } }).png().toBuffer(), {
      title: "a.png", format: "png", actions: createdActions("trainedAlgorithmicMedia", modelAgent("openai", "gpt-image-2.6-flare")),
    });
    const signed = await signAsset(await picture(), {
      title: "b.webp", format: "webp", actions: derivedActions([processingAction({ op: "resize" })]),
      ingredients: [{ bytes: parent, format: "png", title: "source.png", relationship: "parentOf", label: PARENT_LABEL }],
    });
    expect(new WebPAsset(signed).getManifestJUMBF()?.length).toBeGreaterThan(1000);
    const verdict = await verifyIndependently(signed);
    expect(verdict.failures).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.manifests).toHaveLength(2);
    expect(verdict.manifests.flatMap((m) => m.actions)).toEqual(expect.arrayContaining(["c2pa.created", "c2pa.opened", "c2pa.resized"]));
  });

  it("a flipped byte in the image data fails the hard binding", async () => {
    const signed = Buffer.from(await signAsset(await picture(), { title: "c.webp", format: "webp", actions: createdActions("algorithmicMedia", modelAgent("local", null)) }));
    expect((await verifyIndependently(signed)).valid).toBe(true);
    const vp8 = signed.indexOf("VP8 ");
    signed[vp8 + 20] ^= 0xff;
    const verdict = await verifyIndependently(signed);
    expect(verdict.valid).toBe(false);
    expect(verdict.failures.join(" ")).toMatch(/assertion\.dataHash\.mismatch/);
    expect((await readManifestStore(signed))?.validation_state).toBe("Invalid");
  });

  it("a WebP without a manifest is reported as such", async () => {
    expect(new WebPAsset(await picture()).getManifestJUMBF()).toBeUndefined();
    expect(await verifyIndependently(await picture())).toMatchObject({ valid: false, failures: ["no manifest"] });
  });
});
