// The layers of lib/ (tests/architecture/import-graph.ts lists them, top to bottom) and the other import rules, read
// from the source files' own imports (`import type`, `export … from` and `import()` count too): an upward import,
// a cycle among components/* folders, UI code imported by lib/, or a route handler reaching a database client, sharp
// or an SDK itself fails here with the file and the import.
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  folderCycles,
  folderOf,
  importGraph,
  importSpecifiers,
  libImportsOfUi,
  libLayers,
  routeHandlerImports,
  upwardLibImports,
  type ImportEdge,
} from "./import-graph";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Upward lib imports that are still being untied, as "lib/<from> → lib/<to>". Only these folder pairs are let
 * through; an entry that no longer occurs is reported so it can be deleted. The list is meant to be empty.
 */
const knownViolations: readonly string[] = [];

const edge = (from: string, specifier: string, to?: string): ImportEdge => ({ from, specifier, to });

describe("the import checker", () => {
  it("reads every kind of import, and none in comments or strings", () => {
    const source = [
      'import type { A } from "@/lib/a";',
      'export type { B } from "./b";',
      'export * from "../c";',
      "import {",
      "  d,",
      '} from "@/lib/d";',
      'import "./side-effect";',
      'const e = await import("@/lib/e");',
      '// import { z } from "@/lib/commented";',
      'const s = "import y from \\"@/lib/in-a-string\\"";',
    ].join("\n");
    expect(importSpecifiers(source).sort()).toEqual(["../c", "./b", "./side-effect", "@/lib/a", "@/lib/d", "@/lib/e"]);
  });

  it("maps files to their folders", () => {
    expect(folderOf("lib/images/generate.ts")).toBe("lib/images");
    expect(folderOf("lib/providers/local/index.ts")).toBe("lib/providers");
    expect(folderOf("lib/db.ts")).toBe("lib");
    expect(folderOf("components/gallery/gallery-view.tsx")).toBe("components/gallery");
    expect(folderOf("app/api/v1/images/[id]/route.ts")).toBe("app");
  });

  it("finds a planted upward import, and lets downward and same-rank ones through", () => {
    const edges = [
      edge("lib/images/generate.ts", "@/lib/storage", "lib/storage/index.ts"),
      edge("lib/net/addresses.ts", "@/lib/env", "lib/env.ts"),
      edge("lib/env.ts", "@/lib/net/addresses", "lib/net/addresses.ts"),
      edge("lib/storage/local.ts", "@/lib/images/dto", "lib/images/dto.ts"),
      edge("lib/storage/local.ts", "sharp"),
    ];
    expect(upwardLibImports(edges).map((p) => p.text)).toEqual(["lib/storage/local.ts → @/lib/images/dto (lib/storage imports lib/images, which is above it)"]);
    expect(upwardLibImports([edge("lib/newfolder/x.ts", "@/lib/db", "lib/db.ts")]).map((p) => p.text)).toEqual([
      "lib/newfolder/x.ts → @/lib/db (lib/newfolder has no place in the layer list)",
    ]);
  });

  it("finds a planted folder cycle with the imports that make it, and none in a tree", () => {
    const cycle = [
      edge("components/a/x.tsx", "@/components/b/y", "components/b/y.ts"),
      edge("components/b/y.ts", "@/components/c/z", "components/c/z.ts"),
      edge("components/c/z.ts", "@/components/a/w", "components/a/w.ts"),
      edge("components/c/z.ts", "@/components/ui/icons", "components/ui/icons.tsx"),
    ];
    expect(folderCycles(cycle, "components/")).toEqual([
      {
        folders: ["components/a", "components/b", "components/c"],
        imports: ["components/a/x.tsx → @/components/b/y", "components/b/y.ts → @/components/c/z", "components/c/z.ts → @/components/a/w"],
      },
    ]);
    expect(folderCycles(cycle.slice(0, 2), "components/")).toEqual([]);
  });

  it("finds lib importing the UI, and route handlers importing a database client, sharp or an SDK", () => {
    expect(libImportsOfUi([edge("lib/images/x.ts", "@/components/ui/icons", "components/ui/icons.tsx"), edge("lib/images/y.ts", "@/lib/db", "lib/db.ts")])).toEqual([
      "lib/images/x.ts → @/components/ui/icons",
    ]);
    const routes = [
      edge("app/api/v1/x/route.ts", "sharp"),
      edge("app/api/v1/x/route.ts", "@/generated/prisma/sqlite/client", "generated/prisma/sqlite/client.ts"),
      edge("app/api/v1/x/route.ts", "@aws-sdk/client-s3"),
      edge("app/api/v1/x/route.ts", "@/lib/api/route", "lib/api/route.ts"),
      edge("app/api/v1/x/page.tsx", "openai"),
      edge("app/api/v1/x/route.ts", "openai-compatible-thing"),
    ];
    expect(routeHandlerImports(routes)).toEqual([
      "app/api/v1/x/route.ts → sharp",
      "app/api/v1/x/route.ts → @/generated/prisma/sqlite/client",
      "app/api/v1/x/route.ts → @aws-sdk/client-s3",
    ]);
  });
});

describe("the import graph of lib/, components/ and app/", () => {
  const edges = importGraph(root);

  it("is read whole: files of every layer, and the imports tie them", () => {
    const folders = new Set(edges.map((e) => folderOf(e.from)));
    for (const layer of libLayers.flat()) if (layer !== "lib/net") expect(folders, layer).toContain(layer);
    expect(folders).toContain("app");
    expect(folders).toContain("components/gallery");
    expect(edges.length).toBeGreaterThan(1000);
    expect(edges.some((e) => e.from.startsWith("app/api/") && e.to === "lib/api/route.ts")).toBe(true);
  });

  it("names only files that exist", () => {
    const missing = edges.filter((e) => e.missing && /^(lib|components|app)\//.test(e.to ?? "")).map((e) => `${e.from} → ${e.specifier}`);
    expect(missing).toEqual([]);
  });

  it("lib/ imports only its own folder and the layers below it", () => {
    const pairOf = (p: { from: string; to: string }) => `${p.from} → ${p.to}`;
    const problems = upwardLibImports(edges);
    const open = problems.filter((p) => !knownViolations.includes(pairOf(p))).map((p) => p.text);
    const stale = knownViolations.filter((known) => !problems.some((p) => pairOf(p) === known));
    if (stale.length) console.warn(`knownViolations no longer occur, delete them: ${stale.join("; ")}`);
    expect(open, "upward imports (a file may import its own folder or one lower in libLayers)").toEqual([]);
  });

  it("has no cycle among the components/* folders", () => {
    expect(folderCycles(edges, "components/")).toEqual([]);
  });

  it("lib/ never imports components/ or app/", () => {
    expect(libImportsOfUi(edges)).toEqual([]);
  });

  it("route handlers reach the database, sharp and the provider and storage SDKs only through lib/", () => {
    expect(routeHandlerImports(edges)).toEqual([]);
  });
});
