import Module, { createRequire, register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Lets this process import modules that start with `import "server-only"`.
 *
 * The package throws from its default entry and exports an empty module under the `react-server` condition,
 * which is what Next.js resolves for server code. Outside Next we stand that empty module in for it, on both
 * module systems: tsx loads this project's .ts files as CommonJS (package.json has no "type": "module"), so
 * `require("server-only")` is answered from the require cache, and an ESM resolve hook covers native `import`.
 * Must run before the first service module is loaded.
 */
export function allowServerOnlyImports(): void {
  const require = createRequire(import.meta.url);
  const throwing = require.resolve("server-only");
  const empty = pathToFileURL(path.join(path.dirname(throwing), "empty.js")).href;
  if (!require.cache[throwing]) {
    const stub = new Module(throwing);
    stub.filename = throwing;
    stub.loaded = true;
    stub.exports = {};
    require.cache[throwing] = stub;
  }
  const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: ${JSON.stringify(empty)}, shortCircuit: true };
  return next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
