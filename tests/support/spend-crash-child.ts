// A worker process for tests/integration/spend-crash.test.ts: it starts a 10-image generation on the fake
// OpenAI (one image per call, all ten calls at once), prints the job id, and waits to be killed while some of
// its calls are still in flight. The fake's address comes in argv[2].
import { allowServerOnlyImports } from "../../bench/support/server-only";

async function main() {
  allowServerOnlyImports();
  const { OpenAIProvider } = await import("@/lib/providers/openai");
  const { setProvidersForTests } = await import("@/lib/providers/registry");
  const { FLAT_MODEL, openAIModels } = await import("../fakes/openai");
  setProvidersForTests([new OpenAIProvider({ apiKey: "sk-test", baseUrl: process.argv[2], models: openAIModels() })]);
  const { createGeneration, generationBody } = await import("@/lib/images");
  const { getCurrentUser } = await import("@/lib/auth/current-user");
  const user = await getCurrentUser(new Request("http://worker.local/"));
  const body = generationBody(4000).parse({ prompt: "ten lighthouses, some lost in a crash", n: 10, seed: 1, provider: "openai", model: FLAT_MODEL });
  const { job } = await createGeneration({ user, body, baseUrl: "http://worker.local" });
  console.log(JSON.stringify({ jobId: job.id }));
  await new Promise(() => {}); // until killed
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
