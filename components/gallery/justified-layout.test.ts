import { describe, expect, it } from "vitest";
import { layoutGallery, verticalNeighbour } from "./justified-layout";

const options = { width: 1000, targetHeight: 200, gap: 10, groupPadding: 10, groupHeading: 34 };

describe("justified rows", () => {
  it("keeps every tile at its image's aspect ratio and fills each full row exactly", () => {
    const items = [
      { width: 1600, height: 900 },
      { width: 900, height: 1600 },
      { width: 1000, height: 1000 },
      { width: 1200, height: 800 },
      { width: 800, height: 1200 },
      { width: 1500, height: 500 },
      { width: 1000, height: 1000 },
    ];
    const layout = layoutGallery(items, options);
    for (const [i, box] of layout.boxes.entries()) {
      const row = layout.rows.find((r) => i >= r.start && i < r.end)!;
      const last = i === row.end - 1;
      // the last tile of a row takes the rounding; all the others are exact
      if (!last) expect(box.width / box.height).toBeCloseTo(items[i].width / items[i].height, 6);
      else expect(Math.abs(box.width / box.height - items[i].width / items[i].height)).toBeLessThan(0.02);
    }
    const full = layout.rows.slice(0, -1);
    expect(full.length).toBeGreaterThan(0);
    for (const row of full) {
      const right = layout.boxes[row.end - 1];
      expect(right.x + right.width).toBeCloseTo(1000, 6);
      expect(row.bottom - row.top).toBeGreaterThan(120);
      expect(row.bottom - row.top).toBeLessThan(300);
    }
    // the last row keeps the target height, left-aligned
    const last = layout.rows.at(-1)!;
    expect(last.bottom - last.top).toBeLessThanOrEqual(200);
  });

  it("frames a job's images together, after and before loose images", () => {
    const sq = (jobId?: string) => ({ width: 512, height: 512, jobId });
    const layout = layoutGallery([sq(), sq("job_a"), sq("job_a"), sq("job_a"), sq("job_a"), sq("job_b"), sq()], options);
    expect(layout.groups).toHaveLength(1);
    const [group] = layout.groups;
    expect([group.start, group.end]).toEqual([1, 5]);
    // its four tiles lie inside its frame, under the heading, on one row
    for (let i = 1; i < 5; i++) {
      const b = layout.boxes[i];
      expect(b.y).toBeGreaterThanOrEqual(group.y + 34);
      expect(b.y + b.height).toBeLessThanOrEqual(group.y + group.height + 0.001);
      expect(b.y).toBe(layout.boxes[1].y);
    }
    // loose images (and a job of one) are outside it
    for (const i of [0, 5, 6]) expect(layout.boxes[i].y + layout.boxes[i].height <= group.y || layout.boxes[i].y >= group.y + group.height).toBe(true);
  });

  it("moves up and down to the nearest tile of the next row", () => {
    const items = Array.from({ length: 12 }, () => ({ width: 1, height: 1 }));
    const layout = layoutGallery(items, options); // 5 squares a row on 1000 px
    const perRow = layout.rows[0].end;
    expect(verticalNeighbour(layout, 1, 1, items.length)).toBe(1 + perRow);
    expect(verticalNeighbour(layout, 1 + perRow, -1, items.length)).toBe(1);
    expect(verticalNeighbour(layout, 0, -1, items.length)).toBe(0);
  });

  it("places trailing placeholders after the items", () => {
    const layout = layoutGallery([{ width: 2, height: 1 }], { ...options, trailing: 6 });
    expect(layout.boxes).toHaveLength(7);
    expect(layout.boxes[6].y).toBeGreaterThanOrEqual(layout.boxes[0].y);
  });
});
