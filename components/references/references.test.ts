import { describe, expect, it } from "vitest";
import {
  addReferences,
  countText,
  encodeReferences,
  idsFromDrag,
  imageDragType,
  labelReference,
  maxReferenceItems,
  moveReference,
  moveReferenceTo,
  parseReferences,
  referenceBody,
  referenceName,
  referenceReason,
  smallestReferenceLimit,
  unavailableReason,
  roomText,
  roomLeft,
  pastedName,
  rendererOf,
  referencesFromParents,
  removeReference,
  type DraftReference,
} from "./references";

const refs = (...ids: string[]): DraftReference[] => ids.map((id) => ({ id, label: "" }));
const ids = (list: DraftReference[]) => list.map((r) => r.id);

describe("adding references", () => {
  it("appends in order and leaves out images already attached or named twice", () => {
    const { list, duplicates } = addReferences(refs("a"), ["b", "a", { id: "c", label: "the red jacket" }, "b"]);
    expect(ids(list)).toEqual(["a", "b", "c"]);
    expect(list[2].label).toBe("the red jacket");
    expect(duplicates).toBe(2);
  });

  it("stops at the server's cap and says how many were left out", () => {
    const many = Array.from({ length: maxReferenceItems + 3 }, (_, i) => `img${i}`);
    const { list, overflow } = addReferences([], many);
    expect(list).toHaveLength(maxReferenceItems);
    expect(overflow).toBe(3);
  });

  it("ignores what cannot be an image id", () => {
    expect(ids(addReferences([], ["", "a b", "../x", "ok"]).list)).toEqual(["ok"]);
  });

  it("cuts a label to 80 characters", () => {
    const { list } = addReferences([], [{ id: "a", label: "x".repeat(120) }]);
    expect(list[0].label).toHaveLength(80);
    expect(labelReference(list, "a", "y".repeat(90))[0].label).toHaveLength(80);
  });
});

describe("order", () => {
  it("moves one place either way, stopping at the ends", () => {
    const list = refs("a", "b", "c");
    expect(ids(moveReference(list, "b", -1))).toEqual(["b", "a", "c"]);
    expect(ids(moveReference(list, "b", 1))).toEqual(["a", "c", "b"]);
    expect(ids(moveReference(list, "a", -1))).toEqual(["a", "b", "c"]);
    expect(ids(moveReference(list, "c", 1))).toEqual(["a", "b", "c"]);
  });

  it("puts one at a position (a drag within the tray)", () => {
    expect(ids(moveReferenceTo(refs("a", "b", "c", "d"), "d", 0))).toEqual(["d", "a", "b", "c"]);
    expect(ids(moveReferenceTo(refs("a", "b", "c", "d"), "a", 2))).toEqual(["b", "c", "a", "d"]);
    expect(ids(moveReferenceTo(refs("a", "b"), "zz", 0))).toEqual(["a", "b"]);
  });

  it("removes by id", () => {
    expect(ids(removeReference(refs("a", "b", "c"), "b"))).toEqual(["a", "c"]);
  });

  it("names unlabelled references by position, as the prompt legend does", () => {
    const list = labelReference(refs("a", "b"), "b", "  the red jacket ");
    expect(list.map(referenceName)).toEqual(["image 1", "the red jacket"]);
  });
});

describe("the request body", () => {
  it("sends ids in order, with trimmed labels where given", () => {
    const list = labelReference(refs("a", "b", "c"), "b", "  style ");
    expect(referenceBody(labelReference(list, "c", "   "))).toEqual(["a", { id: "b", label: "style" }, "c"]);
  });

  it("sends nothing without references", () => {
    expect(referenceBody([])).toBeUndefined();
  });
});

describe("model limits", () => {
  it("says why a model cannot take the current set", () => {
    expect(referenceReason({ maxReferenceImages: 8 }, 9)).toBe("takes at most 8 reference images");
    expect(referenceReason({ maxReferenceImages: 1 }, 2)).toBe("takes at most 1 reference image");
    expect(referenceReason({}, 1)).toBe("does not take reference images");
    expect(referenceReason({ maxReferenceImages: 0 }, 1)).toBe("does not take reference images");
  });

  it("has nothing to say when the model can take them, or when there are none", () => {
    expect(referenceReason({ maxReferenceImages: 8 }, 8)).toBeNull();
    // Unknown capabilities (Auto, no model, providers loading or failed): never a refusal.
    expect(referenceReason(undefined, 3)).toBeNull();
    expect(referenceReason(null, 40)).toBeNull();
    expect(referenceReason({}, 0)).toBeNull();
    expect(referenceReason(undefined, 0)).toBeNull();
  });

  it("counts against the chosen model, or plainly when the server chooses", () => {
    expect(countText(2, { maxReferenceImages: 16 })).toBe("2 of 16");
    expect(countText(1, {})).toBe("1 of 0");
    expect(countText(1, undefined)).toBe("1 reference");
    expect(countText(3, undefined)).toBe("3 references");
  });
});

describe("reuse and storage", () => {
  it("takes an image's references from its parents, by position, with labels, without its source or mask", () => {
    const list = referencesFromParents([
      { id: "src", role: "source", position: 0, label: null, checksum: null },
      { id: "r2", role: "reference", position: 1, label: "the red jacket", checksum: null },
      { id: "r1", role: "reference", position: 0, label: null, checksum: null },
      { id: "m", role: "mask", position: 0, label: null, checksum: null },
    ]);
    expect(list).toEqual([
      { id: "r1", label: "" },
      { id: "r2", label: "the red jacket" },
    ]);
    expect(referencesFromParents(undefined)).toEqual([]);
  });

  it("round-trips through the address parameter", () => {
    const list = labelReference(refs("a", "b"), "a", "the cat");
    expect(parseReferences(encodeReferences(list))).toEqual(list);
  });

  it("drops what a hand-edited value gets wrong", () => {
    expect(parseReferences("not json")).toEqual([]);
    expect(parseReferences('{"id":"a"}')).toEqual([]);
    expect(parseReferences('["a", 3, {"label":"x"}, {"id":"b","label":7}, "a"]')).toEqual([
      { id: "a", label: "" },
      { id: "b", label: "" },
    ]);
    expect(parseReferences([{ id: "c", label: "ok" }])).toEqual([{ id: "c", label: "ok" }]);
  });
});

describe("drags", () => {
  const origin = "http://studio.test";
  const transfer = (data: Record<string, string>) => (type: string) => data[type] ?? "";

  it("reads the tiles' own type first", () => {
    expect(idsFromDrag(transfer({ [imageDragType]: '["a","b"]', "text/uri-list": `${origin}/images/c` }), origin)).toEqual(["a", "b"]);
  });

  it("reads this studio's image links, and no one else's", () => {
    const list = [`${origin}/images/a`, "# a comment", `${origin}/api/v1/images/b/file?variant=thumbnail`, "https://elsewhere.test/images/c", `${origin}/settings`].join("\r\n");
    expect(idsFromDrag(transfer({ "text/uri-list": list }), origin)).toEqual(["a", "b"]);
  });

  it("finds nothing in other drags", () => {
    expect(idsFromDrag(transfer({ "text/plain": "hello" }), origin)).toEqual([]);
    expect(idsFromDrag(transfer({ [imageDragType]: "{broken" }), origin)).toEqual([]);
  });
});

describe("compare: the smallest limit among the columns", () => {
  const name = (i: number) => `Column ${"ABCD"[i]}`;
  it("judges by the column taking the fewest, naming it", () => {
    const judge = smallestReferenceLimit(
      [
        { capabilities: { maxReferenceImages: 16 }, label: "Big" },
        null,
        { capabilities: { maxReferenceImages: 4 }, label: "Small" },
        { capabilities: { maxReferenceImages: 8 }, label: "Mid" },
      ],
      name,
    );
    expect(judge?.name).toBe("Column C (Small)");
    expect(referenceReason(judge?.capabilities, 5)).toBe("takes at most 4 reference images");
    expect(referenceReason(judge?.capabilities, 4)).toBeNull();
  });
  it("a column without references at all wins; none chosen → nothing known, no refusal", () => {
    const judge = smallestReferenceLimit([{ capabilities: { maxReferenceImages: 3 }, label: "A" }, { capabilities: {}, label: "None" }], name);
    expect(judge?.name).toBe("Column B (None)");
    expect(referenceReason(judge?.capabilities, 1)).toBe("does not take reference images");
    const none = smallestReferenceLimit([null, undefined], name);
    expect(none).toBeUndefined();
    expect(referenceReason(none?.capabilities, 2)).toBeNull();
  });
});

describe("references in the trash or gone", () => {
  const list = [
    { id: "a", label: "" },
    { id: "b", label: "" },
    { id: "c", label: "" },
  ];
  it("names the first unavailable one by its position", () => {
    expect(unavailableReason(list, {})).toBeNull();
    expect(unavailableReason(list, { b: "trashed", c: "gone" })).toBe("Reference 2 is in the trash: restore or remove it.");
    expect(unavailableReason(list, { c: "gone" })).toBe("Reference 3 no longer exists: remove it.");
    // Restored (unmarked) or removed: no longer blocks.
    expect(unavailableReason(list, { b: undefined })).toBeNull();
    expect(unavailableReason(list.filter((r) => r.id !== "c"), { c: "gone" })).toBeNull();
  });
});

describe("the picker's room", () => {
  it("shows the chosen model's limit and what is left", () => {
    expect(roomText({ maxReferenceImages: 16 }, 2, 0)).toBe("up to 16 — 14 more");
    expect(roomText({ maxReferenceImages: 4 }, 2, 2)).toBe("up to 4 — no more");
    expect(roomText(undefined, 2, 0)).toBeNull();
    expect(roomLeft({ maxReferenceImages: 16 }, 2)).toBe(14);
    expect(roomLeft({ maxReferenceImages: 4 }, 6)).toBe(0);
    expect(roomLeft(undefined, 2)).toBe(30);
  });
});

describe("pasted pictures", () => {
  it("get a dated name instead of image.png", () => {
    const at = new Date(2026, 11, 7, 8, 40);
    expect(pastedName(new File(["x"], "image.png", { type: "image/png" }), at)).toBe("Pasted image 2026-12-07 08:40.png");
    expect(pastedName(new File(["x"], "", { type: "image/jpeg" }), at)).toBe("Pasted image 2026-12-07 08:40.jpeg");
    expect(pastedName(new File(["x"], "jacket.jpg", { type: "image/jpeg" }), at)).toBe("jacket.jpg");
  });
});

describe("what references do", () => {
  it("local when the local renderer is chosen, or Auto with no remote provider set up; unknown while loading", () => {
    const local = { local: true, configured: true };
    const remote = { local: false, configured: true };
    expect(rendererOf([local, remote], local)).toBe("local");
    expect(rendererOf([local, remote], remote)).toBe("remote");
    expect(rendererOf([local, remote], undefined)).toBe("remote");
    expect(rendererOf([local, { local: false, configured: false }], undefined)).toBe("local");
    expect(rendererOf(null, undefined)).toBeUndefined();
  });
});
