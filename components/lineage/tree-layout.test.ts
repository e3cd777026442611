import { describe, expect, it } from "vitest";
import type { LineageEdge, ParentRole, StudioImage } from "@/components/api/types";
import { studioImage } from "@/components/generate/test-fixtures";
import { familyOf, gapX, gapY, generationOf, layoutFamily, maxNodes, neighbour, nodeHeight, nodeWidth, sourceRootOf, type Family, type Lineage, type TreeLayout } from "./tree-layout";

let clock = 0;
/** An image made `clock` minutes after the first: ids read as names, creation order as written. */
const img = (id: string): StudioImage => studioImage({ id, createdAt: new Date(Date.UTC(2026, 11, 1, 0, clock++)).toISOString() });
const edge = (parent: string, child: string, role: ParentRole = "source", position = 0, label: string | null = null): LineageEdge => ({ parent, child, role, position, label });
const family = (ids: string[], edges: LineageEdge[], currentId = ids[0]): Family => ({ nodes: ids.map(img), edges, currentId });

const ids = (layout: TreeLayout) => layout.nodes.map((n) => n.image.id);
const node = (layout: TreeLayout, id: string) => layout.byId.get(id)!;
/** Each row's ids, left to right. */
const rows = (layout: TreeLayout) => {
  const out: string[][] = [];
  for (const n of [...layout.nodes].sort((a, b) => a.x - b.x)) (out[n.depth] ??= []).push(n.image.id);
  return out;
};

function expectNoOverlaps(layout: TreeLayout) {
  for (const a of layout.nodes)
    for (const b of layout.nodes) {
      if (a === b) continue;
      const apart = a.x + nodeWidth <= b.x || b.x + nodeWidth <= a.x || a.y + nodeHeight <= b.y || b.y + nodeHeight <= a.y;
      expect(apart, `${a.image.id} overlaps ${b.image.id}`).toBe(true);
    }
  for (const n of layout.nodes) {
    expect(n.x).toBeGreaterThanOrEqual(0);
    expect(n.x + nodeWidth).toBeLessThanOrEqual(layout.width + 0.001);
    expect(n.y + nodeHeight).toBeLessThanOrEqual(layout.height);
  }
}

function expectLayersRespectEdges(layout: TreeLayout) {
  for (const e of layout.edges) expect(node(layout, e.child).depth, `${e.parent} → ${e.child}`).toBeGreaterThan(node(layout, e.parent).depth);
}

describe("the family graph's layout", () => {
  it("draws a diamond's four images once each, the child below both its parents", () => {
    const layout = layoutFamily(family(["A", "B", "C", "D"], [edge("A", "B"), edge("A", "C"), edge("B", "D"), edge("C", "D", "reference")], "D"));
    expect(ids(layout).sort()).toEqual(["A", "B", "C", "D"]);
    expect(rows(layout)).toEqual([["A"], ["B", "C"], ["D"]]);
    expect(node(layout, "D").y).toBeGreaterThan(node(layout, "B").y);
    expect(node(layout, "D").y).toBeGreaterThan(node(layout, "C").y);
    // Each edge runs from the middle of its parent's bottom to its child's top (two arriving at D side by side).
    for (const e of layout.edges) {
      const [parent, child] = [node(layout, e.parent), node(layout, e.child)];
      const numbers = e.d.match(/-?[\d.]+/g)!.map(Number);
      expect(numbers.slice(0, 2)).toEqual([parent.x + nodeWidth / 2, parent.y + nodeHeight]);
      expect(numbers.at(-1)).toBe(child.y);
      expect(numbers.at(-2)).toBeGreaterThan(child.x);
      expect(numbers.at(-2)).toBeLessThan(child.x + nodeWidth);
    }
    const intoD = layout.edges.filter((e) => e.child === "D").map((e) => Number(e.d.match(/-?[\d.]+/g)!.at(-2)));
    expect(new Set(intoD).size).toBe(2);
    // Centred under both its parents, not only under its source.
    expect(node(layout, "D").x).toBeCloseTo((node(layout, "B").x + node(layout, "C").x) / 2);
    expect(layout.edges.map((e) => `${e.parent}→${e.child}:${e.role}`).sort()).toEqual(["A→B:source", "A→C:source", "B→D:source", "C→D:reference"]);
    // Drawn under its source; both its parents are on the line of descent to it.
    expect(node(layout, "D").parentIds).toEqual(["B", "C"]);
    expect(node(layout, "B").relation).toBe("ancestor");
    expect(layout.edges.every((e) => e.descent)).toBe(true);
    expectNoOverlaps(layout);
  });

  it("draws a reference shared by two children once, with an edge to each", () => {
    const layout = layoutFamily(family(["R", "S1", "S2", "C1", "C2"], [edge("S1", "C1"), edge("R", "C1", "reference"), edge("S2", "C2"), edge("R", "C2", "reference", 0, "the red jacket")], "C1"));
    expect(ids(layout).filter((id) => id === "R")).toHaveLength(1);
    expect(layout.edges.filter((e) => e.parent === "R").map((e) => e.child).sort()).toEqual(["C1", "C2"]);
    expect(node(layout, "R").childIds).toEqual([...node(layout, "R").childIds].sort((a, b) => node(layout, a).x - node(layout, b).x));
    expect(node(layout, "C2").relation).toBe("relative");
    expectLayersRespectEdges(layout);
    expectNoOverlaps(layout);
  });

  it("puts a child below all its parents when they are in different generations, its long edge routed around the row between", () => {
    // G → P → Q, and Q is made from P with G as a reference: Q is in the third row, the reference edge passes the second.
    const layout = layoutFamily(family(["G", "P", "X", "Q"], [edge("G", "P"), edge("G", "X"), edge("P", "Q"), edge("G", "Q", "reference")], "Q"));
    expect(rows(layout)).toEqual([["G"], ["P", "X"], ["Q"]].map((r) => r.sort((a, b) => node(layout, a).x - node(layout, b).x)));
    const long = layout.edges.find((e) => e.parent === "G" && e.child === "Q")!;
    // Two curves (into and out of the row) and a straight run through it.
    expect(long.d.match(/C /g)).toHaveLength(2);
    expect(long.d).toMatch(/ L /);
    expectLayersRespectEdges(layout);
    expectNoOverlaps(layout);
  });

  it("orders rows to avoid crossings (barycenters)", () => {
    // Made oldest first: A, B, then B's child before A's. A tree drawn in creation order would cross nothing anyway;
    // here two references cross over unless the second row is reordered.
    const layout = layoutFamily(
      family(["A", "B", "b1", "a1", "a2", "b2"], [edge("A", "a1"), edge("A", "a2"), edge("B", "b1"), edge("B", "b2"), edge("A", "b1", "reference"), edge("B", "a2", "reference")], "A"),
    );
    const [top, second] = rows(layout);
    const crossings = layout.edges.flatMap((e, i) =>
      layout.edges.slice(i + 1).filter((f) => (node(layout, e.parent).x - node(layout, f.parent).x) * (node(layout, e.child).x - node(layout, f.child).x) < 0),
    );
    expect(top).toHaveLength(2);
    expect(second).toHaveLength(4);
    // a1 and b2 each have one parent: they go on the outside; only the two references' own crossing remains.
    expect(crossings.length).toBeLessThanOrEqual(1);
    expectNoOverlaps(layout);
  });

  it("keeps a reference's big family compact: ten children of mixed kinds side by side, no one far off, no scrolling", () => {
    // The trial's shape: the page's image R was a reference (with A, B) for five generations; G1 had four variations
    // and G2 a refinement, each still taking R as a reference; X was made from A with R as reference 2.
    const edges = [
      ...["G1", "G2", "G3", "G4", "G5"].flatMap((g, i) => [edge("R", g, "reference", i % 2), ...(i % 2 ? [edge(i < 3 ? "A" : "B", g, "reference", 0)] : [])]),
      ...["V1", "V2", "V3", "V4"].flatMap((v) => [edge("G1", v), edge("R", v, "reference", 0)]),
      edge("G2", "F"),
      edge("R", "F", "reference", 0),
      edge("B", "F", "reference", 1),
      edge("A", "X"),
      edge("R", "X", "reference", 1),
    ];
    const layout = layoutFamily(family(["A", "B", "R", "G1", "G2", "G3", "G4", "G5", "V1", "V2", "X", "V3", "V4", "F"], edges, "R"));
    expectLayersRespectEdges(layout);
    expectNoOverlaps(layout);
    const byRow = rows(layout);
    const slot = nodeWidth + gapX;
    // No wider than its widest row needs (with room for the lanes of the edges passing a row).
    const widest = Math.max(...byRow.map((r) => r.length));
    expect(layout.width).toBeLessThanOrEqual(widest * slot - gapX + 10 * 16);
    expect(layout.width).toBeLessThan(1200);
    // Side by side: no child more than one gap (plus a lane or two) from its neighbour in the row.
    for (const row of byRow.slice(1))
      for (let i = 1; i < row.length; i++) {
        const gap = node(layout, row[i]).x - node(layout, row[i - 1]).x - nodeWidth;
        expect(gap, `${row[i - 1]} … ${row[i]}`).toBeLessThanOrEqual(gapX + 3 * 16);
      }
    // A parent's variations hang right under it, not across the drawing.
    const g1 = node(layout, "G1").x;
    for (const v of ["V1", "V2", "V3", "V4"]) expect(Math.abs(node(layout, v).x - g1)).toBeLessThanOrEqual(2.5 * slot);
    // Labels sit in the gap under the parent's row, never over a node.
    for (const e of layout.edges) {
      const parentBottom = node(layout, e.parent).y + nodeHeight;
      expect(e.labelAt.y - 9).toBeGreaterThanOrEqual(parentBottom);
      expect(e.labelAt.y + 9).toBeLessThanOrEqual(parentBottom + gapY);
      expect(e.childLabelAt.y + 9).toBeLessThanOrEqual(node(layout, e.child).y);
    }
  });

  it("reads a child's references left to right by their position, not their age", () => {
    // B is older than A, but A is reference 1 of C.
    const layout = layoutFamily(family(["B", "A", "C"], [edge("B", "C", "reference", 1), edge("A", "C", "reference", 0)], "C"));
    expect(rows(layout)[0]).toEqual(["A", "B"]);
  });

  it("lays a tree out as the family tree always did: a row per generation, leaves side by side, parents centred", () => {
    const layout = layoutFamily(family(["O", "V1", "V2", "R", "E1", "E2", "E3"], [edge("O", "V1"), edge("O", "V2"), edge("V1", "R"), edge("R", "E1"), edge("R", "E2"), edge("R", "E3")], "R"));
    expect(rows(layout)).toEqual([["O"], ["V1", "V2"], ["R"], ["E1", "E2", "E3"]]);
    const slot = nodeWidth + gapX;
    // The old layout: leaves take the slots 0, 1, 2 (E1–E3) and 3 (V2); R and V1 centred over E2; O between V1 and V2.
    expect(["E1", "E2", "E3", "V2", "R", "V1", "O"].map((id) => node(layout, id).x / slot)).toEqual([0, 1, 2, 3, 1, 1, 2]);
    expect(layout.width).toBe(4 * slot - gapX);
    expect(layout.generations).toBe(4);
    expect(node(layout, "V2").relation).toBe("relative");
    expect(node(layout, "E2").relation).toBe("descendant");
    expect(layout.edges.filter((e) => e.descent).map((e) => e.child).sort()).toEqual(["R", "V1"]);
  });

  it("lays out larger random families (sources, references, masks) with layers that respect every edge and no overlaps", () => {
    for (const seed of [1, 7, 42]) {
      let state = seed;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const names = Array.from({ length: 120 }, (_, i) => `n${i}`);
      const edges: LineageEdge[] = [];
      names.forEach((child, i) => {
        if (i < 4 || random() < 0.1) return; // a few originals
        edges.push(edge(names[Math.floor(random() * i)], child));
        if (random() < 0.3) edges.push(edge(names[Math.floor(random() * i)], child, "reference", 0, "a label"));
        if (random() < 0.1) edges.push(edge(names[Math.floor(random() * i)], child, "mask"));
      });
      const layout = layoutFamily(family(names, edges, names[60]));
      expect(layout.nodes).toHaveLength(names.length);
      expect(layout.edges).toHaveLength(edges.length);
      expectLayersRespectEdges(layout);
      expectNoOverlaps(layout);
    }
  });

  it("keeps the page's image and all its ancestors when a huge family is cut short", () => {
    // A root with maxNodes children; the page's image is the last of them, with a reference made last of all.
    const children = Array.from({ length: maxNodes }, (_, i) => `c${i}`);
    const all = ["root", ...children, "ref", "me"];
    const edges = [...children.map((c) => edge("root", c)), edge("root", "me"), edge("ref", "me", "reference")];
    const layout = layoutFamily(family(all, edges, "me"));
    expect(layout.truncated).toBe(true);
    expect(layout.nodes).toHaveLength(maxNodes);
    for (const id of ["me", "root", "ref"]) expect(layout.byId.has(id), id).toBe(true);
    expect(node(layout, "me").depth).toBe(1);
    expectLayersRespectEdges(layout);
  });

  it("moves with the arrow keys: up to the first parent, down to a child, sideways in the row, Home and End", () => {
    const layout = layoutFamily(family(["A", "B", "C", "D"], [edge("A", "C", "reference"), edge("B", "C", "reference", 1), edge("C", "D")], "C"));
    const c = node(layout, "C");
    expect(neighbour(layout, c, "ArrowUp")?.image.id).toBe("A");
    expect(neighbour(layout, c, "ArrowDown")?.image.id).toBe("D");
    expect(neighbour(layout, node(layout, "A"), "ArrowRight")?.image.id).toBe("B");
    expect(neighbour(layout, node(layout, "A"), "ArrowLeft")).toBeUndefined();
    expect(neighbour(layout, c, "Home")?.image.id).toBe("A");
    expect(neighbour(layout, c, "End")?.image.id).toBe("D");
    // Made from two references alone: centred under them, its variation under it.
    expect(c.x).toBeCloseTo((node(layout, "A").x + node(layout, "B").x) / 2);
    expect(node(layout, "D").x).toBeCloseTo(c.x);
    expect(c.position).toBe(1);
    expect(node(layout, "B").siblings).toBe(2);
  });
});

describe("the family drawn", () => {
  const a = img("a");
  const b = img("b");
  const c = img("c");
  const d = img("d");
  const e = img("e");
  const tree = (image: StudioImage, children: Lineage["descendants"] = []) => ({ ...image, children });

  it("is the union of the image's lineage and its oldest source ancestor's, each image and edge once", () => {
    // a and b are references of c; d is a variation of c, e another variation of c (d's sister).
    const edges = [edge("a", "c", "reference"), edge("b", "c", "reference", 1, "the red jacket"), edge("c", "d"), edge("c", "e")];
    const ofD: Lineage = { image: d, ancestors: [a, b, c], descendants: [], nodes: [a, b, c, d], edges: edges.slice(0, 3) };
    const ofC: Lineage = { image: c, ancestors: [a, b], descendants: [tree(d), tree(e)], nodes: [a, b, c, d, e], edges };
    expect(sourceRootOf(ofD)).toBe("c");
    expect(sourceRootOf(ofC)).toBe("c");
    const drawn = familyOf(ofD, ofC);
    expect(drawn.nodes.map((n) => n.id).sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(drawn.edges).toHaveLength(4);
    expect(drawn.currentId).toBe("d");
    expect(generationOf(ofD)).toBe(3);
    expect(generationOf(ofC)).toBe(2);
  });

  it("reads an older server's tree view as source edges", () => {
    const old: Lineage = { image: b, ancestors: [a], descendants: [tree(c, [tree(d)])] };
    const drawn = familyOf(old);
    expect(drawn.edges.map((x) => `${x.parent}→${x.child}`)).toEqual(["a→b", "b→c", "c→d"]);
    expect(sourceRootOf(old)).toBe("a");
    expect(generationOf(old)).toBe(2);
  });
});
