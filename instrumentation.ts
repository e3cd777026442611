// Runs once when a server process starts: a bad configuration stops it here, with a sentence naming the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/env");
    env();
    // The C2PA engine (c2pa-rs as WebAssembly), compiled now in the background rather than in the first export.
    const { warmC2pa } = await import("./lib/provenance/c2pa/warm");
    warmC2pa();
    // The model catalog (built-in + MODEL_CATALOG_FILE / MODEL_CATALOG): a bad entry stops the start here too.
    const { catalog } = await import("./lib/providers/catalog");
    catalog();
    // Providers an administrator connected in the app (Settings → Providers), before anything asks for them.
    const { providerSettingsSnapshot } = await import("./lib/providers/settings/snapshot");
    await providerSettingsSnapshot();
    // Watch the providers' model lists (shutdown dates) off the request path.
    const { providers } = await import("./lib/providers/registry");
    const { startModelWatch } = await import("./lib/providers/lifecycle/watch");
    startModelWatch(providers);
    // Pick up jobs a previous process left, and run new ones in this process (WORKER=on).
    const { startImageWorker } = await import("./lib/images/worker");
    await startImageWorker();
  }
}
