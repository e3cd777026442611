import { describe, expect, it } from "vitest";
import { clearedFilters, describeFilters, filtersFromParams, isFiltered, noFilters, sameFilters, showsUpload, toImageQuery, toSearchParams, type GalleryFilters } from "./gallery-filters";

const from = (query: string) => {
  const params = new URLSearchParams(query);
  return filtersFromParams((key) => params.get(key) ?? "");
};

describe("gallery filters", () => {
  it("reads an address, dropping anything odd, and writes it back", () => {
    const f = from("q=fox&kind=generated&provider=open<ai>&collection=col_1&favorites=1&from=2026-12-01&to=2026-12-07");
    expect(f).toEqual({ q: "fox", kind: "generated", collectionId: "col_1", provider: "openai", favorites: true, from: "2026-12-01", to: "2026-12-07" });
    expect(toSearchParams(f).toString()).toBe("q=fox&kind=generated&provider=openai&collection=col_1&favorites=1&from=2026-12-01&to=2026-12-07");
    expect(from("kind=video&from=2026-13-45&to=yesterday")).toEqual(noFilters);
    expect(toSearchParams(noFilters).toString()).toBe("");
  });

  it("reads a backwards range the right way round", () => {
    expect(from("from=2026-12-07&to=2026-12-01")).toMatchObject({ from: "2026-12-01", to: "2026-12-07" });
  });

  it("sends calendar days as the local day's instants, `to` inclusive", () => {
    const q = toImageQuery({ ...noFilters, from: "2026-12-01", to: "2026-12-01" });
    expect(new Date(q.from!).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(new Date(q.to!).getTime()).toBe(new Date(2026, 11, 2).getTime() - 1);
    expect(toImageQuery(noFilters)).toEqual({ q: undefined, kind: undefined, provider: undefined, collectionId: undefined, favorite: undefined, from: undefined, to: undefined });
  });

  it("knows when a view is narrowed (the collection is where you are, not a filter) and clears it", () => {
    const inCollection: GalleryFilters = { ...noFilters, collectionId: "col_1" };
    expect(isFiltered(inCollection)).toBe(false);
    expect(isFiltered({ ...inCollection, favorites: true })).toBe(true);
    expect(clearedFilters({ ...inCollection, q: "x", kind: "uploaded" })).toEqual(inCollection);
    expect(sameFilters(inCollection, { ...noFilters, collectionId: "col_1" })).toBe(true);
    expect(sameFilters(inCollection, noFilters)).toBe(false);
  });

  it("says the filters in words", () => {
    const words = describeFilters({ ...noFilters, q: "fox", kind: "generated", provider: "openai", favorites: true, from: "2026-12-01", to: "2026-12-01" }, (id) => (id === "openai" ? "OpenAI" : id));
    expect(words).toEqual(["“fox”", "generated", "by OpenAI", "favourites", "on 2026-12-01"]);
    expect(describeFilters({ ...noFilters, from: "2026-12-01" }, String)).toEqual(["since 2026-12-01"]);
  });

  it("shows a new image only where the current filters would list it", () => {
    const image = { id: "img_1", kind: "generated", provider: "local", collectionId: null, createdAt: new Date(2026, 11, 7, 12).toISOString(), favorite: false } as unknown as Parameters<typeof showsUpload>[1];
    expect(showsUpload(noFilters, image)).toBe(true);
    expect(showsUpload({ ...noFilters, q: "fox" }, image)).toBe(false); // a search needs the server
    expect(showsUpload({ ...noFilters, kind: "uploaded" }, image)).toBe(false);
    expect(showsUpload({ ...noFilters, favorites: true }, image)).toBe(false);
    expect(showsUpload({ ...noFilters, from: "2026-12-08" }, image)).toBe(false);
    expect(showsUpload({ ...noFilters, from: "2026-12-07", to: "2026-12-07" }, image)).toBe(true);
  });
});
