// Used by the Vitest integration tests and the Playwright API specs alike: plain Node, no app imports.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** Every file under a local-storage root, as storage keys, sorted; the transient `health/` probe files are ignored. */
export function listStoredFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return found.filter((key) => !key.startsWith("health/")).sort();
}
