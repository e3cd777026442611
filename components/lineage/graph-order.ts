/**
 * A layered drawing of a directed acyclic graph (Sugiyama's method), on ids alone: layers by the longest path from
 * the roots (a child always below all its parents), edges spanning several layers broken by invisible waypoints
 * ("dummies") so they route around the nodes, the order within each layer by the barycenter heuristic (a few sweeps
 * down and up, the ordering with the fewest crossings kept), then x positions: a tree the way the family tree always
 * placed it (childless items side by side in depth-first order, a parent centred over its children); a graph with
 * merges compacted (compactX). A tree comes out exactly as the old tree layout drew it.
 */

export interface GraphEdge {
  parent: string;
  child: string;
  /** Among a child's parents, the order they are read in (source, references by position, mask): left to right. */
  rank?: number;
}

export interface Spacing {
  /** Width of a node and the room between two nodes side by side. */
  node: number;
  gap: number;
  /** Room a waypoint of a long edge takes, either side included. */
  dummy: number;
}

export interface LayeredGraph {
  /** The layer of each node (0 for the roots). */
  layerOf: Map<string, number>;
  /** Each layer's items, nodes and waypoints, left to right. */
  layers: string[][];
  /** The centre of every item, the leftmost edge at 0. */
  x: Map<string, number>;
  /** For each input edge (same index): the items it passes, from the parent to the child. */
  routes: string[][];
  width: number;
  /** Crossings between edge segments of neighbouring layers in the ordering kept. */
  crossings: number;
}

const dummyPrefix = "\u0000";
export const isDummy = (item: string) => item.startsWith(dummyPrefix);

/** Layers by the longest path from a root; edges against the order (only a cycle, which lineage never has) are left out. */
function longestPathLayers(ids: string[], edges: GraphEdge[]): { layerOf: Map<string, number>; kept: GraphEdge[] } {
  const indegree = new Map(ids.map((id) => [id, 0]));
  const out = new Map<string, GraphEdge[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    indegree.set(e.child, indegree.get(e.child)! + 1);
    out.get(e.parent)!.push(e);
  }
  const layerOf = new Map<string, number>();
  const done = new Set<string>();
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (let pending = ids.length; pending > 0; ) {
    // A cycle stalls the queue: its oldest remaining member is taken as if it had no parents left.
    if (!queue.length) queue.push(ids.find((id) => !done.has(id))!);
    const id = queue.shift()!;
    if (done.has(id)) continue;
    done.add(id);
    pending--;
    layerOf.set(id, layerOf.get(id) ?? 0);
    for (const e of out.get(id)!) {
      if (done.has(e.child)) continue;
      layerOf.set(e.child, Math.max(layerOf.get(e.child) ?? 0, layerOf.get(id)! + 1));
      indegree.set(e.child, indegree.get(e.child)! - 1);
      if (indegree.get(e.child) === 0) queue.push(e.child);
    }
  }
  return { layerOf, kept: edges.filter((e) => layerOf.get(e.child)! > layerOf.get(e.parent)!) };
}

/** Crossings between the segments from layer `upper` to the next one, given each item's index in its layer. */
function crossingsBetween(segments: Array<[string, string]>, index: Map<string, number>): number {
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    const [a1, b1] = segments[i];
    for (let j = i + 1; j < segments.length; j++) {
      const [a2, b2] = segments[j];
      if ((index.get(a1)! - index.get(a2)!) * (index.get(b1)! - index.get(b2)!) < 0) count++;
    }
  }
  return count;
}

/**
 * Places the graph. `ids` come in the order ties are broken in (oldest first reads naturally); `edges` in the
 * order of each child's parents (the first is the one it is drawn under: its source).
 */
export function layeredLayout(ids: string[], edges: GraphEdge[], spacing: Spacing): LayeredGraph {
  const known = new Set(ids);
  const { layerOf, kept } = longestPathLayers(ids, edges.filter((e) => known.has(e.parent) && known.has(e.child) && e.parent !== e.child));
  const keptSet = new Set(kept);
  const depth = Math.max(0, ...layerOf.values()) + 1;
  const layerOfItem = new Map(layerOf);
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    (down.get(a) ?? down.set(a, []).get(a)!).push(b);
    (up.get(b) ?? up.set(b, []).get(b)!).push(a);
  };
  // Each edge as a chain of items one layer apart: the parent, a waypoint per layer crossed, the child.
  const routes = edges.map((e, i): string[] => {
    if (!keptSet.has(e)) return [];
    const route = [e.parent];
    for (let l = layerOf.get(e.parent)! + 1; l < layerOf.get(e.child)!; l++) {
      const dummy = `${dummyPrefix}${i}:${l}`;
      layerOfItem.set(dummy, l);
      route.push(dummy);
    }
    route.push(e.child);
    for (let k = 1; k < route.length; k++) link(route[k - 1], route[k]);
    return route;
  });

  // First order: depth first from the roots, children in the order they were made (a tree: no crossings at all).
  const rank = new Map<string, number>();
  const visit = (item: string) => {
    if (rank.has(item)) return;
    rank.set(item, rank.size);
    for (const child of [...(down.get(item) ?? [])].sort((a, b) => order(a) - order(b))) visit(child);
  };
  const idOrder = new Map(ids.map((id, i) => [id, i]));
  // A waypoint goes where the child it leads to would.
  const order = (item: string) => idOrder.get(isDummy(item) ? edges[Number(item.slice(1).split(":")[0])].child : item) ?? 0;
  ids.filter((id) => layerOf.get(id) === 0).forEach(visit);
  const layers: string[][] = Array.from({ length: depth }, () => []);
  for (const [item, l] of layerOfItem) layers[l].push(item);
  for (const layer of layers) layer.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));

  const indexOf = (ls: string[][]) => new Map(ls.flatMap((layer) => layer.map((item, i) => [item, i] as const)));
  const segmentsBelow = layers.map((layer) => layer.flatMap((a) => (down.get(a) ?? []).map((b): [string, string] => [a, b])));
  const crossings = (ls: string[][]) => {
    const index = indexOf(ls);
    return segmentsBelow.reduce((sum, segments) => sum + crossingsBetween(segments, index), 0);
  };
  /** Sorts a layer by the mean index of its neighbours in the layer just placed; an item without any keeps its place. */
  const byBarycenter = (layer: string[], neighbours: Map<string, string[]>, index: Map<string, number>) => {
    const key = new Map(
      layer.map((item, i) => {
        const ns = neighbours.get(item) ?? [];
        return [item, ns.length ? ns.reduce((s, n) => s + index.get(n)!, 0) / ns.length : i] as const;
      }),
    );
    return [...layer].sort((a, b) => key.get(a)! - key.get(b)!);
  };
  let best = layers.map((l) => [...l]);
  let fewest = crossings(best);
  let current = best;
  for (let sweep = 0; sweep < 4 && fewest > 0; sweep++) {
    current = current.map((l) => [...l]);
    for (let l = 1; l < depth; l++) current[l] = byBarycenter(current[l], up, indexOf([current[l - 1]]));
    for (let l = depth - 2; l >= 0; l--) current[l] = byBarycenter(current[l], down, indexOf([current[l + 1]]));
    const count = crossings(current);
    if (count < fewest) [best, fewest] = [current, count];
  }

  orderParentsByRank(best, edges, crossings);
  // A tree keeps the family tree's classic drawing; a graph (an image made from several) is compacted instead.
  const merges = best.some((layer) => layer.some((item) => (up.get(item)?.length ?? 0) > 1));
  const x = merges ? compactX(best, up, down, spacing) : placeX(best, up, routes, edges, spacing);
  const half = (item: string) => (isDummy(item) ? spacing.dummy / 2 : spacing.node / 2);
  const left = Math.min(...[...x].map(([item, cx]) => cx - half(item)));
  for (const [item, cx] of x) x.set(item, cx - left);
  const width = Math.max(0, ...[...x].map(([item, cx]) => cx + half(item)));
  return { layerOf, layers: best, x, routes, width, crossings: fewest };
}

/**
 * Two parents of the same child side by side in the wrong reading order (reference 2 left of reference 1) swap
 * places when that adds no crossing: references read left to right by their position, not by their age.
 */
function orderParentsByRank(layers: string[][], edges: GraphEdge[], crossings: (ls: string[][]) => number) {
  const rankOf = new Map(edges.map((e) => [`${e.parent} ${e.child}`, e.rank ?? 0]));
  const childrenOf = new Map<string, string[]>();
  for (const e of edges) (childrenOf.get(e.parent) ?? childrenOf.set(e.parent, []).get(e.parent)!).push(e.child);
  const misordered = (a: string, b: string) =>
    (childrenOf.get(a) ?? []).some((c) => rankOf.has(`${b} ${c}`) && rankOf.get(`${a} ${c}`)! > rankOf.get(`${b} ${c}`)!);
  let count = crossings(layers);
  for (let pass = 0; pass < 3; pass++) {
    let swapped = false;
    for (const layer of layers)
      for (let i = 0; i + 1 < layer.length; i++) {
        if (isDummy(layer[i]) || isDummy(layer[i + 1]) || !misordered(layer[i], layer[i + 1])) continue;
        [layer[i], layer[i + 1]] = [layer[i + 1], layer[i]];
        const after = crossings(layers);
        if (after <= count) (count = after), (swapped = true);
        else [layer[i], layer[i + 1]] = [layer[i + 1], layer[i]];
      }
    if (!swapped) break;
  }
}

/**
 * x positions of a graph, compacted: every row starts packed from the left, then a few sweeps move each item as
 * close as it can get to the mean of its neighbours in the row just placed (parents going down, children going
 * up) while keeping the row's order and the gaps (`separate`: least squares, so a row is pulled together around
 * its parents rather than pushed aside). No subtree is moved as a block, so one image with a far parent cannot
 * drag its siblings' family across the drawing. The last sweep goes down: children sit under their parents.
 */
function compactX(layers: string[][], up: Map<string, string[]>, down: Map<string, string[]>, spacing: Spacing): Map<string, number> {
  const width = (item: string) => (isDummy(item) ? spacing.dummy : spacing.node + spacing.gap);
  const x = new Map<string, number>();
  for (const layer of layers) {
    let cursor = 0;
    for (const item of layer) x.set(item, cursor + width(item) / 2), (cursor += width(item));
  }
  const mean = (items: string[]) => items.reduce((s, i) => s + x.get(i)!, 0) / items.length;
  const settle = (l: number, neighbours: Map<string, string[]>) => {
    const row = layers[l];
    const desired = row.map((item) => (neighbours.get(item)?.length ? mean(neighbours.get(item)!) : x.get(item)!));
    separate(row, desired, (a, b) => (width(a) + width(b)) / 2).forEach((v, i) => x.set(row[i], v));
  };
  for (let sweep = 0; sweep < 8; sweep++) {
    for (let l = 1; l < layers.length; l++) settle(l, up);
    for (let l = layers.length - 2; l >= 0; l--) settle(l, down);
  }
  for (let l = 1; l < layers.length; l++) settle(l, up);
  return x;
}

/**
 * x positions: each item hangs under one item of the layer above (a node under its first parent, a waypoint under
 * the one before it); items without anything under them take the next free place left to right, depth first; one
 * with items under it is centred over them. Overlaps left (a child drawn under its source sits between another
 * parent's children) are pushed apart with as little movement as possible, keeping the layer's order.
 */
function placeX(layers: string[][], up: Map<string, string[]>, routes: string[][], edges: GraphEdge[], spacing: Spacing): Map<string, number> {
  const index = new Map(layers.flatMap((layer) => layer.map((item, i) => [item, i] as const)));
  const primary = new Map<string, string>();
  routes.forEach((route, i) => {
    const child = edges[i].child;
    if (route.length && !primary.has(child)) primary.set(child, route[route.length - 2]);
    for (let k = 1; k < route.length - 1; k++) primary.set(route[k], route[k - 1]);
  });
  for (const [item, above] of up) if (!primary.has(item)) primary.set(item, above[0]);
  const under = new Map<string, string[]>();
  for (const [item, above] of primary) (under.get(above) ?? under.set(above, []).get(above)!).push(item);
  for (const list of under.values()) list.sort((a, b) => index.get(a)! - index.get(b)!);

  const width = (item: string) => (isDummy(item) ? spacing.dummy : spacing.node + spacing.gap);
  const x = new Map<string, number>();
  let cursor = 0;
  const place = (item: string) => {
    const kids = under.get(item) ?? [];
    kids.forEach(place);
    if (kids.length) x.set(item, (x.get(kids[0])! + x.get(kids[kids.length - 1])!) / 2);
    else {
      x.set(item, cursor + width(item) / 2);
      cursor += width(item);
    }
  };
  for (const layer of layers) for (const item of layer) if (!primary.has(item) && !x.has(item)) place(item);

  // Bottom up, so a parent is re-centred over children that had to move.
  for (let l = layers.length - 1; l >= 0; l--) {
    const desired = layers[l].map((item) => {
      const kids = under.get(item) ?? [];
      return kids.length ? (x.get(kids[0])! + x.get(kids[kids.length - 1])!) / 2 : x.get(item)!;
    });
    separate(layers[l], desired, (a, b) => (width(a) + width(b)) / 2).forEach((v, i) => x.set(layers[l][i], v));
  }
  return x;
}

/**
 * The positions nearest to `desired` (least squares) that keep the order with at least `gap(a, b)` between
 * neighbours: pool adjacent violators on the positions less the room taken so far.
 */
export function separate(items: string[], desired: number[], gap: (a: string, b: string) => number): number[] {
  const offset = items.map(() => 0);
  for (let i = 1; i < items.length; i++) offset[i] = offset[i - 1] + gap(items[i - 1], items[i]);
  const blocks: Array<{ sum: number; count: number }> = [];
  for (let i = 0; i < items.length; i++) {
    blocks.push({ sum: desired[i] - offset[i], count: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2].sum / blocks[blocks.length - 2].count > blocks[blocks.length - 1].sum / blocks[blocks.length - 1].count) {
      const last = blocks.pop()!;
      blocks[blocks.length - 1].sum += last.sum;
      blocks[blocks.length - 1].count += last.count;
    }
  }
  const out: number[] = [];
  for (const block of blocks) for (let k = 0; k < block.count; k++) out.push(block.sum / block.count + offset[out.length]);
  return out;
}
