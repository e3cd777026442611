// The import graph of lib/, components/ and app/, and the checks tests/architecture/layers.test.ts runs on it.
// Pure functions over a list of edges, so the checks can be tested on a synthetic graph too.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * One import: `from` imports `specifier`, which resolved to `to` (repo-relative; undefined for a package); `missing`
 * when no file answers to it.
 */
export type ImportEdge = { from: string; specifier: string; to?: string; missing?: boolean };

/**
 * The lib folders from the top (may import everything below) to the bottom (imports nothing above). A file may
 * import its own folder or a folder lower in the list; folders on one line share a rank. "lib" is the files
 * directly in lib/ (db, env, errors, log, ids, secrets…). The order is the layering of issue 18.
 */
export const libLayers: readonly (readonly string[])[] = [
  ["lib/api"],
  ["lib/images"],
  ["lib/webhooks"],
  ["lib/jobs"],
  ["lib/usage"],
  ["lib/providers"],
  ["lib/prompts"],
  ["lib/processing"],
  ["lib/provenance"],
  ["lib/storage"],
  ["lib/auth"],
  ["lib/net", "lib"],
];

/** Packages a route handler (app/**\/route.ts) must reach through lib/, never import itself. */
export const routeForbidden: readonly RegExp[] = [
  /^@prisma\/client(\/|$)/,
  /^@\/generated\/prisma(\/|$)/,
  /^sharp$/,
  /^openai(\/|$)/,
  /^replicate(\/|$)/,
  /^@google\/genai(\/|$)/,
  /^@aws-sdk\//,
];

const sourceFile = /\.tsx?$/;
const testFile = /\.test\.tsx?$/;

/** The .ts/.tsx files under `dirs` (repo-relative, "/"-separated), test files left out. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (sourceFile.test(entry.name) && !testFile.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(rel);
    }
  };
  for (const dir of dirs) if (existsSync(path.join(root, dir))) walk(dir);
  return files.sort();
}

/** Every module specifier a source names: imports and `import type`, `export … from`, side-effect imports, import(). */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

const extensions = [".ts", ".tsx", "/index.ts", "/index.tsx"];

/** The repo-relative file a specifier of `from` names ("@/…" or relative), or undefined for a package. */
export function resolveSpecifier(root: string, from: string, specifier: string): { to: string; missing: boolean } | undefined {
  let target: string;
  if (specifier.startsWith("@/")) target = specifier.slice(2);
  else if (specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../")) {
    target = path.posix.join(path.posix.dirname(from), specifier);
  } else return undefined;
  for (const ext of extensions) if (existsSync(path.join(root, target + ext))) return { to: target + ext, missing: false };
  // A file named with its extension (.json, .css…).
  if (existsSync(path.join(root, target)) && !statSync(path.join(root, target)).isDirectory()) return { to: target, missing: false };
  return { to: target, missing: true };
}

/** The import edges of the files under lib/, components/ and app/. */
export function importGraph(root: string, dirs: readonly string[] = ["lib", "components", "app"]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of sourceFiles(root, dirs)) {
    for (const specifier of importSpecifiers(readFileSync(path.join(root, from), "utf8"))) {
      const resolved = resolveSpecifier(root, from, specifier);
      edges.push(resolved ? { from, specifier, ...resolved } : { from, specifier });
    }
  }
  return edges;
}

/** The folder a file belongs to: "app", "lib/<x>" / "components/<x>", or "lib" / "components" for a file directly in them. */
export function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "app") return "app";
  if ((parts[0] === "lib" || parts[0] === "components") && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0];
}

const describeEdge = (e: ImportEdge) => `${e.from} → ${e.specifier}`;

/** An import against the layers: the folders it ties and the file → specifier with the reason. */
export type LayerProblem = { from: string; to: string; text: string };

/** Imports from a lib folder into a higher one (or into/from a folder the layer list does not name). */
export function upwardLibImports(edges: readonly ImportEdge[], layers: readonly (readonly string[])[] = libLayers): LayerProblem[] {
  const rank = new Map<string, number>();
  layers.forEach((folders, i) => folders.forEach((f) => rank.set(f, i)));
  const problems: LayerProblem[] = [];
  for (const e of edges) {
    if (!e.to) continue;
    const from = folderOf(e.from);
    const to = folderOf(e.to);
    if (!from.startsWith("lib") || !to.startsWith("lib") || from === to) continue;
    const a = rank.get(from);
    const b = rank.get(to);
    if (a === undefined || b === undefined) problems.push({ from, to, text: `${describeEdge(e)} (${a === undefined ? from : to} has no place in the layer list)` });
    else if (b < a) problems.push({ from, to, text: `${describeEdge(e)} (${from} imports ${to}, which is above it)` });
  }
  return problems;
}

/** lib/ imports nothing from components/ or app/. */
export function libImportsOfUi(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((e) => e.to && e.from.startsWith("lib/") && (e.to.startsWith("components/") || e.to.startsWith("app/")))
    .map(describeEdge);
}

/** Route handlers' direct imports of the database client, sharp or a provider/storage SDK. */
export function routeHandlerImports(edges: readonly ImportEdge[], forbidden: readonly RegExp[] = routeForbidden): string[] {
  return edges
    .filter((e) => /^app\/(.*\/)?route\.tsx?$/.test(e.from) && forbidden.some((re) => re.test(e.specifier)))
    .map(describeEdge);
}

/**
 * The cycles among the folders whose name starts with `prefix` (strongly connected components of more than one
 * folder), each as the folders in it and the file imports that tie them.
 */
export function folderCycles(edges: readonly ImportEdge[], prefix: string): { folders: string[]; imports: string[] }[] {
  const graph = new Map<string, Map<string, ImportEdge[]>>();
  for (const e of edges) {
    if (!e.to) continue;
    const from = folderOf(e.from);
    const to = folderOf(e.to);
    if (from === to || !from.startsWith(prefix) || !to.startsWith(prefix)) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    if (!graph.has(to)) graph.set(to, new Map());
    const out = graph.get(from)!;
    out.set(to, [...(out.get(to) ?? []), e]);
  }
  // Tarjan's strongly connected components.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!.keys()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((folders) => ({
    folders,
    imports: folders.flatMap((a) => folders.flatMap((b) => (graph.get(a)!.get(b) ?? []).map(describeEdge))),
  }));
}
