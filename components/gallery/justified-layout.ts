/**
 * The gallery's layout: justified rows (as Google Photos and Flickr lay pictures out) — every tile at its image's
 * aspect ratio, the tiles of a row sharing one height and filling the width — with the images of one job (a
 * generation of several) kept together in a framed group under its prompt, like Midjourney's grid.
 * Pure arithmetic on sizes, so the virtualised grid can place thousands of tiles and mount only those in view.
 */

export interface LayoutItem {
  width: number;
  height: number;
  /** Images next to each other with the same job id form a group (2 or more). */
  jobId?: string | null;
}

export interface LayoutOptions {
  /** Width of the list, in CSS pixels. */
  width: number;
  /** The height a row aims at (rows are a little taller or shorter, to fill the width exactly). */
  targetHeight: number;
  gap: number;
  /** Inner padding of a group's frame, and the height of its heading (the prompt). */
  groupPadding: number;
  groupHeading: number;
  /** Placeholder tiles (square) after the items, for a page on its way. */
  trailing?: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Group extends Box {
  /** Index of its first item, and one past its last. */
  start: number;
  end: number;
}

export interface Row {
  top: number;
  bottom: number;
  /** Indices of its tiles: [start, end). */
  start: number;
  end: number;
}

export interface Layout {
  /** One box per item, then one per trailing placeholder (same indices). */
  boxes: Box[];
  rows: Row[];
  groups: Group[];
  height: number;
}

/** Very wide or tall pictures are shown a little less extreme, so no tile becomes a sliver. */
const aspectOf = (item: { width: number; height: number }) => Math.min(4, Math.max(0.25, item.width / item.height || 1));

/**
 * Lays items out in justified rows from `y`, inside [x, x + width): each row takes as many items as make its
 * height closest to the target; the last row keeps the target height (left-aligned, not stretched).
 */
function justify(aspects: number[], first: number, x: number, y: number, width: number, options: LayoutOptions, boxes: Box[], rows: Row[]): number {
  const { targetHeight, gap } = options;
  let i = 0;
  while (i < aspects.length) {
    let sum = 0;
    let n = 0;
    let height = targetHeight;
    let full = false;
    for (let j = i; j < aspects.length; j++) {
      const nextSum = sum + aspects[j];
      const fitted = (width - gap * (j - i)) / nextSum;
      if (fitted <= targetHeight) {
        // Adding this item makes the row at most the target: keep it only if that is closer to the target.
        const without = n ? (width - gap * (n - 1)) / sum : Infinity;
        if (!n || Math.abs(fitted - targetHeight) <= Math.abs(without - targetHeight)) {
          n += 1;
          sum = nextSum;
          height = fitted;
        } else {
          height = without;
        }
        full = true;
        break;
      }
      n += 1;
      sum = nextSum;
    }
    if (!full) height = Math.min(targetHeight, (width - gap * (n - 1)) / sum);
    let left = x;
    for (let k = i; k < i + n; k++) {
      const w = full && k === i + n - 1 ? x + width - left : aspects[k] * height;
      boxes[first + k] = { x: left, y, width: w, height };
      left += w + gap;
    }
    rows.push({ top: y, bottom: y + height, start: first + i, end: first + i + n });
    y += height + gap;
    i += n;
  }
  return y;
}

export function layoutGallery(items: LayoutItem[], options: LayoutOptions): Layout {
  const { width, gap, groupPadding, groupHeading, trailing = 0 } = options;
  const boxes: Box[] = new Array(items.length + trailing);
  const rows: Row[] = [];
  const groups: Group[] = [];
  let y = 0;
  let i = 0;
  if (!(width > 0)) return { boxes: [], rows: [], groups: [], height: 0 };
  while (i < items.length) {
    // A run of loose images, or one job's images.
    const job = items[i].jobId;
    let end = i + 1;
    while (end < items.length && job && items[end].jobId === job) end++;
    if (job && end - i >= 2) {
      const top = y;
      const inner = width - 2 * groupPadding;
      const bottom = justify(items.slice(i, end).map(aspectOf), i, groupPadding, top + groupHeading, inner, options, boxes, rows) - gap + groupPadding;
      groups.push({ x: 0, y: top, width, height: bottom - top, start: i, end });
      // The group's heading belongs to its first row (mounted with it).
      const firstRow = rows.findIndex((r) => r.start === i);
      if (firstRow >= 0) rows[firstRow] = { ...rows[firstRow], top };
      rows[rows.length - 1] = { ...rows[rows.length - 1], bottom };
      y = bottom + gap;
      i = end;
      continue;
    }
    end = i + 1;
    while (end < items.length && !(items[end].jobId && items[end].jobId === items[end + 1]?.jobId)) end++;
    y = justify(items.slice(i, end).map(aspectOf), i, 0, y, width, options, boxes, rows);
    i = end;
  }
  if (trailing) y = justify(new Array(trailing).fill(1), items.length, 0, y, width, options, boxes, rows);
  return { boxes, rows, groups, height: Math.max(0, y - gap) };
}

/** The index of the tile above (-1) or below (+1) `index` whose centre is nearest horizontally (itself at an edge). */
export function verticalNeighbour(layout: Layout, index: number, direction: -1 | 1, count: number): number {
  const row = layout.rows.findIndex((r) => index >= r.start && index < r.end);
  let target = row + direction;
  while (target >= 0 && target < layout.rows.length && layout.rows[target].start >= count) target += direction;
  if (row < 0 || target < 0 || target >= layout.rows.length) return index;
  const box = layout.boxes[index];
  const centre = box.x + box.width / 2;
  const { start, end } = layout.rows[target];
  let best = start;
  for (let k = start; k < Math.min(end, count); k++) {
    const b = layout.boxes[k];
    if (Math.abs(b.x + b.width / 2 - centre) < Math.abs(layout.boxes[best].x + layout.boxes[best].width / 2 - centre)) best = k;
  }
  return best;
}
