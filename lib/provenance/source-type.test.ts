import { describe, expect, it } from "vitest";
import { digitalSourceTypeOf, parseDigitalSourceType } from "./source-type";
import { xmpDigitalSourceType, xmpPacket } from "./xmp";

describe("digitalSourceTypeOf: marking follows the pixels", () => {
  it("a model from a prompt, or from AI pictures only, is trained", () => {
    expect(digitalSourceTypeOf({ by: "model", inputs: [] })).toBe("trainedAlgorithmicMedia");
    expect(digitalSourceTypeOf({ by: "model", inputs: ["trainedAlgorithmicMedia", "trainedAlgorithmicMedia"] })).toBe("trainedAlgorithmicMedia");
  });
  it("a model over an upload, a local render or a composite is a composite with trained media", () => {
    expect(digitalSourceTypeOf({ by: "model", inputs: [null] })).toBe("compositeWithTrainedAlgorithmicMedia");
    expect(digitalSourceTypeOf({ by: "model", inputs: ["algorithmicMedia"] })).toBe("compositeWithTrainedAlgorithmicMedia");
    expect(digitalSourceTypeOf({ by: "model", inputs: ["trainedAlgorithmicMedia", "compositeSynthetic"] })).toBe("compositeWithTrainedAlgorithmicMedia");
  });
  it("the local renderer is procedural; over trained pixels a trained composite; over an upload a synthetic composite", () => {
    expect(digitalSourceTypeOf({ by: "renderer", inputs: [] })).toBe("algorithmicMedia");
    expect(digitalSourceTypeOf({ by: "renderer", inputs: ["algorithmicMedia"] })).toBe("algorithmicMedia");
    expect(digitalSourceTypeOf({ by: "renderer", inputs: ["trainedAlgorithmicMedia"] })).toBe("compositeWithTrainedAlgorithmicMedia");
    expect(digitalSourceTypeOf({ by: "renderer", inputs: [null] })).toBe("compositeSynthetic");
  });
  it("processing inherits; an upload keeps what it declares", () => {
    expect(digitalSourceTypeOf({ by: "processing", source: "trainedAlgorithmicMedia" })).toBe("trainedAlgorithmicMedia");
    expect(digitalSourceTypeOf({ by: "processing", source: null })).toBeNull();
    expect(digitalSourceTypeOf({ by: "upload", declared: null })).toBeNull();
    expect(digitalSourceTypeOf({ by: "upload", declared: "trainedAlgorithmicMedia" })).toBe("trainedAlgorithmicMedia");
  });
  it("parses IPTC URIs (http and https) and codes, nothing else", () => {
    expect(parseDigitalSourceType("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")).toBe("trainedAlgorithmicMedia");
    expect(parseDigitalSourceType("https://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia")).toBe("algorithmicMedia");
    expect(parseDigitalSourceType("compositeSynthetic")).toBe("compositeSynthetic");
    expect(parseDigitalSourceType("http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture")).toBeNull();
    expect(parseDigitalSourceType(42)).toBeNull();
  });
});

describe("xmpPacket", () => {
  it("carries the marking alone, reads back, and is null with nothing to say", () => {
    const packet = xmpPacket({ digitalSourceType: "algorithmicMedia" })!;
    expect(xmpDigitalSourceType(packet)).toBe("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia");
    expect(packet).not.toContain("studio:");
    expect(xmpPacket({ digitalSourceType: null })).toBeNull();
  });
});
