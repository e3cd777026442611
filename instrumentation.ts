// Runs once when a server process starts: a bad configuration stops it here, with a sentence naming the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/env");
    env();
    // Pick up jobs a previous process left, and run new ones in this process (WORKER=on).
    const { startImageWorker } = await import("./lib/images/worker");
    await startImageWorker();
  }
}
