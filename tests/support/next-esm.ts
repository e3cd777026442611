/**
 * Lets the test process load next-auth as Node loads it outside Next's bundler.
 *
 * next-auth 5 (beta) imports `next/server`, `next/headers` and `next/navigation` without a file extension; Next's
 * bundler resolves those, but Node's ESM loader (which runs next-auth here, as an external dependency) needs
 * `next/server.js`. This resolve hook adds the extension for those three specifiers only. Import it before anything
 * that imports next-auth.
 */
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, nextResolve) {
  if (/^next\\/(server|headers|navigation)$/.test(specifier)) return nextResolve(specifier + ".js", context);
  return nextResolve(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
