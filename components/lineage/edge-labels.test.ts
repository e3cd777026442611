import { describe, expect, it } from "vitest";
import type { LineageEdge, StudioImage } from "@/components/api/types";
import { studioImage } from "@/components/generate/test-fixtures";
import { edgeLabels, nodeLabel } from "./edge-labels";
import { layoutFamily } from "./tree-layout";

const edge = (parent: string, child: string): LineageEdge => ({ parent, child, role: "source", position: 0, label: null });
const op = (type: string, params: Record<string, unknown> = {}) => ({ type, params });

describe("family tree labels", () => {
  it("captions tool results by their operation and leaves out edge labels that repeat the card", () => {
    const original = { width: 320, height: 240 };
    const images: StudioImage[] = [
      studioImage({ id: "A" }),
      studioImage({ id: "B", parentId: "A", operation: op("upscale", { factor: 4 }) }),
      studioImage({ id: "C", parentId: "A", operation: op("remove-background", { format: "png" }), hasAlpha: true }),
      studioImage({ id: "D", parentId: "A", operation: op("expand", { left: 160, right: 0, top: 0, bottom: 0, original }) }),
      studioImage({ id: "E", parentId: "A", operation: op("expand", { left: 80, right: 80, top: 60, bottom: 60, original }) }),
      studioImage({ id: "F", parentId: "A", operation: op("refine", { mask: "painted" }) }),
      studioImage({ id: "G", parentId: "A", operation: op("variations", { strength: 0.5 }) }),
    ];
    const layout = layoutFamily({ nodes: images, edges: images.slice(1).map((i) => edge("A", i.id)), currentId: "A" });
    expect(images.slice(1).map(nodeLabel)).toEqual(["Upscale ×4", "Cut out", "Expand · pan left", "Zoom out 1.5×", "Refined", "Variation"]);
    // Only the refine's label says more than its card ("painted"); the rest would repeat it.
    expect(edgeLabels(layout).map((l) => [l.child, l.text])).toEqual([["F", "Refined · painted"]]);
  });
});
