// A worker process for tests/integration/job-recovery.test.ts: it starts a 3-image generation whose first image
// comes quickly and whose others hang, prints the job id, and waits to be killed mid-flight.
import type { GenerateRequest, ProviderContext } from "@/lib/providers/types";
import { runGenerationUntilKilled } from "./child-job";

runGenerationUntilKilled(
  async () => {
    const { LocalProvider } = await import("@/lib/providers/local");
    const { setProvidersForTests } = await import("@/lib/providers/registry");
    const local = new LocalProvider();
    let calls = 0;
    // One image per call, so the three images are three calls: the first answers, the others never do.
    const slow = Object.assign(Object.create(Object.getPrototypeOf(local)), local, {
      models: [{ ...local.models[0], capabilities: { ...local.models[0].capabilities, maxImages: 1 } }],
      generate: async (request: GenerateRequest, context: ProviderContext) => {
        if (calls++ > 0) await new Promise((resolve) => setTimeout(resolve, 120_000));
        return local.generate(request, context);
      },
    });
    setProvidersForTests([slow]);
  },
  { prompt: "a lighthouse that survives a crash", n: 3, seed: 100, width: 256, height: 256 },
);
