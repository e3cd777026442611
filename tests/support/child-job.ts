// What the crash tests' worker children share: accept a generation as the local owner, print its job id (the ready
// line tests/support/processes.ts waits for) and stay until killed. The caller sets up the providers first.
import { allowServerOnlyImports } from "../../bench/support/server-only";

/** Runs `setUp`, then accepts `request` as a generation and waits to be killed (SIGKILL) while its job runs. */
export function runGenerationUntilKilled(setUp: () => Promise<void>, request: Record<string, unknown>): void {
  const main = async () => {
    allowServerOnlyImports();
    await setUp();
    const { createGeneration, generationBody } = await import("@/lib/images");
    const { getCurrentUser } = await import("@/lib/auth/current-user");
    const user = await getCurrentUser(new Request("http://worker.local/"));
    const { job } = await createGeneration({ user, body: generationBody(4000).parse(request), baseUrl: "http://worker.local" });
    console.log(JSON.stringify({ jobId: job.id }));
    await new Promise(() => {}); // until killed
  };
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
