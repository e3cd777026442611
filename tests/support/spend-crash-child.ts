// A worker process for tests/integration/spend-crash.test.ts: it starts a 10-image generation on the fake
// OpenAI (one image per call, all ten calls at once), prints the job id, and waits to be killed while some of
// its calls are still in flight. The fake's address comes in argv[2].
import { FLAT_MODEL } from "../fakes/openai";
import { runGenerationUntilKilled } from "./child-job";

runGenerationUntilKilled(
  async () => {
    const { OpenAIProvider } = await import("@/lib/providers/openai");
    const { setProvidersForTests } = await import("@/lib/providers/registry");
    const { openAIModels } = await import("../fakes/openai");
    setProvidersForTests([new OpenAIProvider({ apiKey: "sk-test", baseUrl: process.argv[2], models: openAIModels() })]);
  },
  { prompt: "ten lighthouses, some lost in a crash", n: 10, seed: 1, provider: "openai", model: FLAT_MODEL },
);
