import { describe, expect, it } from "vitest";
import type { GalleryImage } from "@/components/api/gallery";
import { noFilters } from "./gallery-filters";
import { appendPage, galleryHref, maxKept, neighbours, readOrder, saveOrder, takeReturn, updateItem, type GalleryOrder } from "./gallery-order";

const img = (id: string) => ({ id }) as GalleryImage;
const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
};
const order = (ids: string[], extra: Partial<GalleryOrder> = {}): GalleryOrder => ({
  filters: { ...noFilters, q: "lake" },
  items: ids.map(img),
  nextCursor: "c1",
  scrollY: 640,
  ...extra,
});

describe("gallery order", () => {
  it("names the neighbours of an image, null at the ends and for an image not in it", () => {
    const o = order(["a", "b", "c"]);
    expect(neighbours(o, "b")).toEqual({ index: 1, previous: "a", next: "c" });
    expect(neighbours(o, "a")).toMatchObject({ previous: null, next: "b" });
    expect(neighbours(o, "c")).toMatchObject({ previous: "b", next: null });
    expect(neighbours(o, "zzz")).toEqual({ index: -1, previous: null, next: null });
    expect(neighbours(null, "a").index).toBe(-1);
  });

  it("appends a further page once each, taking its cursor", () => {
    const next = appendPage(order(["a", "b"]), { items: [img("b"), img("c")], nextCursor: null });
    expect(next.items.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(next.nextCursor).toBeNull();
  });

  it("survives a round trip through storage, and cuts a long list (with no cursor past the cut)", () => {
    const store = memory();
    saveOrder(order(["a", "b"]), store);
    expect(readOrder(store)).toEqual(order(["a", "b"]));
    saveOrder(order(Array.from({ length: maxKept + 5 }, (_, i) => `i${i}`)), store);
    expect(readOrder(store)?.items).toHaveLength(maxKept);
    expect(readOrder(store)?.nextCursor).toBeNull();
    store.setItem("image-studio:gallery-order", "{not json");
    expect(readOrder(store)).toBeNull();
  });

  it("restores the gallery once, and only for the same filters", () => {
    const store = memory();
    saveOrder(order(["a"], { returning: true }), store);
    expect(takeReturn({ ...noFilters, q: "lake" }, store)?.scrollY).toBe(640);
    expect(takeReturn({ ...noFilters, q: "lake" }, store)).toBeNull();
    saveOrder(order(["a"], { returning: true }), store);
    expect(takeReturn(noFilters, store)).toBeNull();
  });

  it("updates one image and builds the gallery's address", () => {
    expect(updateItem(order(["a", "b"]), "b", { favorite: true }).items[1]).toEqual({ id: "b", favorite: true });
    expect(galleryHref({ ...noFilters, q: "misty lake", favorites: true })).toBe("/?q=misty+lake&favorites=1");
    expect(galleryHref(null)).toBe("/");
  });
});
