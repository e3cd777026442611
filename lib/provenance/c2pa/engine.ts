import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type * as C2paWasm from "@contentauth/c2pa-wasm";

/**
 * The C2PA engine: c2pa-rs, the Content Authenticity Initiative's reference implementation, compiled to
 * WebAssembly (`@contentauth/c2pa-wasm`, MIT). It reads, validates, builds and embeds manifests in JPEG, PNG,
 * WebP, AVIF and GIF; the studio gives it the bytes and a signer (cose.ts), nothing else — no network.
 *
 * Built for browsers, it reads its input through `Blob.slice` + `FileReaderSync` (a worker-only API): in Node we
 * hand it an in-memory {@link BytesBlob} and a `FileReaderSync` that reads one synchronously.
 */
export type Engine = typeof C2paWasm;

/** The part of `Blob` the engine uses, over bytes already in memory. */
export class BytesBlob {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  get size() {
    return this.bytes.length;
  }
  slice(start = 0, end = this.bytes.length) {
    return new BytesBlob(this.bytes.subarray(start, end));
  }
}

/**
 * A BytesBlob by its shape, not `instanceof`: the web server's bundles each hold their own copy of this module (the
 * instrumentation's worker, each route), while the reader installed on `globalThis` is the first copy's.
 */
const isBytesBlob = (blob: unknown): blob is BytesBlob =>
  typeof blob === "object" && blob !== null && (blob as { bytes?: unknown }).bytes instanceof Uint8Array && typeof (blob as { slice?: unknown }).slice === "function";

class BytesReaderSync {
  readAsArrayBuffer(blob: BytesBlob | Blob): ArrayBuffer {
    if (!isBytesBlob(blob)) throw new TypeError("Only in-memory blobs can be read synchronously here");
    const u = blob.bytes;
    return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
  }
}

/** `BytesBlob` where the engine's types ask for a `Blob`. */
export const asBlob = (bytes: Uint8Array) => new BytesBlob(bytes) as unknown as Blob;

const globalForEngine = globalThis as unknown as { imageStudioC2pa?: Promise<Engine>; FileReaderSync?: unknown };

function wasmPath(): string {
  // From the project root first (the web server's bundle, the worker and the tests all run there), then from here.
  for (const base of [path.join(process.cwd(), "package.json"), import.meta.url]) {
    try {
      return createRequire(base).resolve("@contentauth/c2pa-wasm/c2pa.wasm");
    } catch {
      /* next */
    }
  }
  throw new Error("@contentauth/c2pa-wasm is not installed: run npm install");
}

/**
 * The engine, instantiated once per process (about 9 MB of WebAssembly, ~100 ms the first time; a server warms
 * it at its start: ./warm.ts). The module is compiled asynchronously (V8 compiles off the main thread), so the
 * event loop stalls only for the instantiation (~20–30 ms, against 60–130 ms for a synchronous compile).
 */
export function c2pa(): Promise<Engine> {
  return (globalForEngine.imageStudioC2pa ??= (async () => {
    globalForEngine.FileReaderSync ??= BytesReaderSync;
    const engine = (await import("@contentauth/c2pa-wasm")) as Engine;
    // turbopackIgnore: the path is resolved at run time (the package stays outside the bundle: next.config.ts).
    const module = await WebAssembly.compile(await readFile(/* turbopackIgnore: true */ wasmPath()));
    engine.initSync({ module });
    return engine;
  })().catch((e) => {
    globalForEngine.imageStudioC2pa = undefined;
    throw e;
  }));
}
