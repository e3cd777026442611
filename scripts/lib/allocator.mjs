// Native memory for image work: libvips frees its pixel buffers, but glibc's per-thread malloc arenas keep the
// pages, so a server that decodes 12 MP photos grows to ~1 GB resident. jemalloc returns them (sharp's own
// documentation recommends it on glibc Linux). The server process gets jemalloc when the machine has it
// (Debian: `apt-get install libjemalloc2`), otherwise fewer glibc arenas. Measured in bench/processing.ts.
import { existsSync } from "node:fs";

const candidates = [
  "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
  "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
  "/usr/lib64/libjemalloc.so.2",
  "/usr/lib/libjemalloc.so.2",
  "/usr/local/lib/libjemalloc.so.2",
];

/** Environment for a child process that does image work, and a word on which allocator it gets. */
export function allocatorEnv(env = process.env) {
  if (process.platform !== "linux" || env.IMAGE_STUDIO_ALLOCATOR === "system") return { env, allocator: "system" };
  if (env.LD_PRELOAD?.includes("jemalloc")) return { env, allocator: "jemalloc (LD_PRELOAD)" };
  const jemalloc = candidates.find((path) => existsSync(path));
  if (jemalloc) {
    // Freed pages go back to the system after ~1 s (default 10 s), purged by a background thread.
    const MALLOC_CONF = env.MALLOC_CONF ?? "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0";
    return { env: { ...env, LD_PRELOAD: [env.LD_PRELOAD, jemalloc].filter(Boolean).join(" "), MALLOC_CONF }, allocator: `jemalloc (${jemalloc}, ${MALLOC_CONF})` };
  }
  return { env: { MALLOC_ARENA_MAX: "2", ...env }, allocator: `glibc malloc, MALLOC_ARENA_MAX=${env.MALLOC_ARENA_MAX ?? 2}` };
}
