// The fake OpenAI server (tests/fakes/openai.ts) as a process of its own, for Playwright specs: the fakes import
// server code, which needs the react-server condition the spec runner does not have. Started by
// e2e/support/fake-provider.ts as `node --conditions=react-server --import tsx`; argv[2] is the key it
// accepts. Prints one JSON ready line with its base URL; stops on SIGTERM.
import { startFakeOpenAI } from "../../tests/fakes/openai";

async function main() {
  const fake = await startFakeOpenAI({ apiKey: process.argv[2] ?? "sk-test" });
  process.stdout.write(`${JSON.stringify({ ready: "fake-openai", baseUrl: fake.baseUrl })}\n`);
  setInterval(() => {
    const calls = fake.requests.filter((r) => r.path.endsWith("/images/generations")).length;
    if (calls) process.stdout.write(`${JSON.stringify({ generations: calls })}\n`);
  }, 1000).unref();
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
