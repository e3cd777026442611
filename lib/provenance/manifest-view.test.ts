import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createdActions, derivedActions, modelAgent, PARENT_LABEL, processingAction, transcoded } from "./actions";
import { actionLabel, manifestView, validationFailures, validationNote } from "./manifest-view";
import { readManifestStore } from "./read";
import { signAsset } from "./sign";
import { useTestSigningIdentity } from "@/tests/support/signing";

describe("actionLabel", () => {
  it.each([
    ["c2pa.cropped", "Cropped"],
    ["c2pa.created", "Created"],
    ["c2pa.opened", "Opened"],
    ["c2pa.transcoded", "Re-encoded"],
    ["c2pa.edited.metadata", "Metadata edited"],
    ["c2pa.color_adjustments", "Colours adjusted"],
    ["c2pa.orientation", "Rotated or flipped"],
    ["com.example.colour_graded", "Colour graded"],
    ["com.example.fontChanged", "Font changed"],
  ])("%s → %s", (action, label) => expect(actionLabel(action)).toBe(label));
});

describe("validationNote", () => {
  const signer = { issuer: "Image Studio", commonName: "Image Studio content credentials signer", time: null, alg: "Es256", thisStudio: true };
  it("says plainly who signed and what untrusted means", () => {
    const own = validationNote({ state: "valid", signer, studioSource: "instance", untrusted: true });
    expect(own).toMatch(/^Signed by this studio's own certificate \(self-signed.*not on the C2PA trust list\)/);
    expect(own).toMatch(/"untrusted": that only means the certificate is not on the C2PA trust list/);
    expect(validationNote({ state: "trusted", signer, studioSource: "operator", untrusted: false })).toMatch(/^Signed by this studio with the operator's certificate .*C2PA_SIGNING_CERT.*on the C2PA trust list\.$/);
    const other = validationNote({ state: "invalid", signer: { ...signer, thisStudio: false, commonName: "Fake OpenAI signer", issuer: "Fake OpenAI" }, studioSource: "instance", untrusted: false });
    expect(other).toMatch(/^Signed by another signer \(Fake OpenAI signer, issued by Fake OpenAI\), not by this studio\. The credentials do not validate/);
  });
});

describe("manifestView over a real chain (c2pa-rs)", () => {
  useTestSigningIdentity("View Studio");

  it("shows the active manifest, its actions in words and the parent's manifest as the ingredient's", async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c84" } }).png().toBuffer();
    const generated = await signAsset(png, { title: "img_a.png", format: "png", actions: createdActions("trainedAlgorithmicMedia", modelAgent("OpenAI", "gpt-image-2.6-flare")) });
    const cropped = await signAsset(await sharp(generated).extract({ left: 0, top: 0, width: 32, height: 32 }).png().toBuffer(), {
      title: "img_b.png",
      format: "png",
      actions: derivedActions([processingAction({ op: "crop" })]),
      ingredients: [{ bytes: generated, format: "png", title: "source.png", relationship: "parentOf", label: PARENT_LABEL }],
    });
    const exported = await signAsset(await sharp(cropped).jpeg().toBuffer(), {
      title: "img_b.jpg",
      format: "jpeg",
      actions: derivedActions([transcoded()]),
      ingredients: [{ bytes: cropped, format: "png", title: "original.png", relationship: "parentOf", label: PARENT_LABEL }],
    });
    const store = (await readManifestStore(exported))!;
    const signatures: string[] = [];
    const view = manifestView(store, store.active_manifest!, (s) => (signatures.push(s.cert_serial_number ?? ""), s.common_name === "View Studio content credentials signer"))!;
    expect(signatures[0]).toMatch(/^\d+$/); // c2pa-rs reports the serial number in decimal
    expect(view).toMatchObject({ title: "img_b.jpg", claimGenerator: "Image Studio 0.1.0", signer: { commonName: "View Studio content credentials signer", thisStudio: true, alg: "Es256" } });
    expect(view.actions.map((a) => a.label)).toEqual(["Opened", "Re-encoded"]);
    expect(view.actions[1].softwareAgent).toBe("Image Studio 0.1.0");
    const [original] = view.ingredients;
    expect(original).toMatchObject({ title: "original.png", relationship: "parentOf", valid: true });
    expect(original.manifest?.actions.map((a) => a.label)).toEqual(["Opened", "Cropped"]);
    const source = original.manifest!.ingredients[0];
    expect(source).toMatchObject({ title: "source.png", relationship: "parentOf", valid: true });
    expect(source.manifest?.actions).toEqual([
      { action: "c2pa.created", label: "Created", digitalSourceType: "trainedAlgorithmicMedia", softwareAgent: "gpt-image-2.6-flare (OpenAI)", description: null },
    ]);
    expect(source.manifest?.ingredients).toEqual([]);
    expect(validationFailures(store).map((f) => f.code)).toEqual(["signingCredential.untrusted"]);
  });

  it("has no view for a label the store does not hold, and follows a label only once", () => {
    const store = { active_manifest: "a", manifests: { a: { ingredients: [{ title: "self", relationship: "parentOf", active_manifest: "a" }] } } };
    expect(manifestView(store, "missing", () => false)).toBeNull();
    const view = manifestView(store, "a", () => false)!;
    expect(view.ingredients[0].manifest).toBeNull();
    expect(view.signer.thisStudio).toBe(false);
  });
});
