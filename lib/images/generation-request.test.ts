import { describe, expect, it } from "vitest";
import { splitBatches } from "./generation-request";

describe("splitBatches", () => {
  it("splits a fresh batch into calls of at most the model's maxImages, with their seed offsets", () => {
    expect(splitBatches([0, 1, 2, 3, 4], 2)).toEqual([
      { offset: 0, count: 2 },
      { offset: 2, count: 2 },
      { offset: 4, count: 1 },
    ]);
    expect(splitBatches([0, 1, 2], 10)).toEqual([{ offset: 0, count: 3 }]);
  });

  it("after a crash makes only the missing indexes, even with gaps (a later call stored before an earlier one)", () => {
    expect(splitBatches([0, 3, 4, 5], 8)).toEqual([
      { offset: 0, count: 1 },
      { offset: 3, count: 3 },
    ]);
    expect(splitBatches([1], 1)).toEqual([{ offset: 1, count: 1 }]);
    expect(splitBatches([], 4)).toEqual([]);
  });
});
