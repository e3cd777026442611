import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ImageParent, StudioImage } from "@/components/api/types";
import { studioImage } from "@/components/generate/test-fixtures";
import { MadeFrom, madeFromOf, roleLabel } from "./made-from";

const parents: ImageParent[] = [
  { id: "src", role: "source", position: 0, label: null, checksum: null },
  { id: "ref1", role: "reference", position: 0, label: null, checksum: null },
  { id: "ref2", role: "reference", position: 1, label: "the red jacket", checksum: null },
  { id: "mask", role: "mask", position: 0, label: null, checksum: null },
];
const image = studioImage({ id: "me", parentId: "src", parents, operation: { type: "refine", params: {} } });
const known = new Map<string, StudioImage>(["src", "ref1", "mask"].map((id) => [id, studioImage({ id, prompt: `prompt of ${id}` })]));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("Made from", () => {
  it("names each parent by its role, references numbered as sent and labelled", () => {
    expect(madeFromOf(image, known).map(roleLabel)).toEqual(["Source", "Reference 1", "Reference 2 · the red jacket", "Mask"]);
  });

  it("links a thumbnail of each parent, in order, with its role; the source keeps the parent-link test id", () => {
    const html = renderToStaticMarkup(createElement(MadeFrom, { image, parents: madeFromOf(image, known) }));
    expect(html).toContain('data-testid="made-from"');
    expect([...html.matchAll(/data-role="(\w+)"/g)].map((m) => m[1])).toEqual(["source", "reference", "reference", "mask"]);
    expect([...html.matchAll(/href="\/images\/(\w+)"/g)].map((m) => m[1])).toEqual(["src", "ref1", "ref2", "mask"]);
    expect([...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1])[2]).toBe("/api/v1/images/ref2/file?variant=thumbnail");
    expect(html.match(/data-testid="parent-link"/g)).toHaveLength(1);
    expect(text(html)).toContain("Source Refined from prompt of src");
    // ref2 is not in the lineage: it is in the trash.
    expect(text(html)).toContain("Reference 2 · the red jacket In the trash");
  });

  it("is absent for an image made from nothing; an older server's parentId is its source", () => {
    const original = studioImage({ id: "o", parentId: null, parents: [] });
    expect(renderToStaticMarkup(createElement(MadeFrom, { image: original, parents: madeFromOf(original, null) }))).toBe("");
    const older = studioImage({ id: "v", parentId: "o", parents: undefined });
    expect(madeFromOf(older, null)).toEqual([{ id: "o", role: "source", position: 0, label: null, image: null, inTrash: false }]);
  });
});
