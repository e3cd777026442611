import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { verifyIndependently } from "@/tests/support/c2pa-verify";
import { createdActions, derivedActions, modelAgent, processingAction, PARENT_LABEL } from "./actions";
import { readManifestStore } from "./read";
import { signAsset } from "./sign";
import { useTestSigningIdentity } from "@/tests/support/signing";

describe("signAsset (c2pa-rs) read back by c2pa-rs and by c2pa-ts", () => {
  useTestSigningIdentity();

  it("signs a created PNG, then a cropped JPEG whose parent chain validates", async () => {
    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#c84" } }).png().toBuffer();
    const generated = await signAsset(png, { title: "img_a.png", format: "png", actions: createdActions("trainedAlgorithmicMedia", modelAgent("openai", "gpt-image-2.6-flare")) });
    const cropped = await sharp(generated).extract({ left: 0, top: 0, width: 100, height: 100 }).jpeg().toBuffer();
    const edited = await signAsset(cropped, {
      title: "img_b.jpeg",
      format: "jpeg",
      actions: derivedActions([processingAction({ op: "crop" })]),
      ingredients: [{ bytes: generated, format: "png", title: "source.png", relationship: "parentOf", label: PARENT_LABEL }],
    });
    const store = await readManifestStore(edited);
    expect(store?.validation_state).toBe("Valid");
    expect(Object.keys(store!.manifests)).toHaveLength(2);
    const verdict = await verifyIndependently(edited);
    expect(verdict.failures).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.manifests.flatMap((m) => m.actions)).toEqual(expect.arrayContaining(["c2pa.created", "c2pa.opened", "c2pa.cropped"]));
    expect(verdict.manifests.flatMap((m) => m.digitalSourceTypes)).toContain("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
    expect(await readManifestStore(png)).toBeNull();
  });

  it("a changed byte breaks the hard binding for both readers", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#248" } }).png().toBuffer();
    const signed = Buffer.from(await signAsset(png, { title: "x.png", format: "png", actions: createdActions("algorithmicMedia", modelAgent("local", null)) }));
    const idat = signed.indexOf("IDAT");
    signed[idat + 10] ^= 0xff;
    expect((await readManifestStore(signed))?.validation_state).toBe("Invalid");
    expect((await verifyIndependently(signed)).valid).toBe(false);
  });

  it("signs concurrently: eight files at once, each valid and bound to its own pixels", async () => {
    const files = await Promise.all(
      Array.from({ length: 8 }, (_, i) => sharp({ create: { width: 96 + i, height: 64, channels: 3, background: { r: 30 * i, g: 90, b: 200 - 20 * i } } }).png().toBuffer()),
    );
    const signed = await Promise.all(files.map((f, i) => signAsset(f, { title: `img_${i}.png`, format: "png", actions: createdActions("trainedAlgorithmicMedia", modelAgent("google", "gemini-nano-banana-2.1")) })));
    const verdicts = await Promise.all(signed.map((s) => verifyIndependently(s)));
    expect(verdicts.map((v) => v.valid)).toEqual(Array(8).fill(true));
    expect(new Set(verdicts.map((v) => v.activeLabel)).size).toBe(8);
  });
});
