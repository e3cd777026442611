import { log } from "@/lib/log";
import { c2pa } from "./engine";

/**
 * Starts the C2PA engine in the background when a server or worker process starts, so the first export or signing
 * of the process does not compile 9 MB of WebAssembly inside a request. A failure is logged, not fatal: the first
 * use tries again (and answers with the error, if it persists).
 */
export function warmC2pa(): void {
  const started = performance.now();
  c2pa().then(
    () => log.debug("C2PA engine ready", { ms: Math.round(performance.now() - started) }),
    (error: unknown) => log.warn("the C2PA engine could not be started in advance; the first signing or reading will try again", { error }),
  );
}
