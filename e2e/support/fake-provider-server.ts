// A fake provider server (tests/fakes/*.ts) as a process of its own, for Playwright specs: the fakes import server
// code, which needs the react-server condition the spec runner does not have. Started by e2e/support/fake-provider.ts
// as `node --conditions=react-server --import tsx`. argv[2]: "openai" (the OpenAI Images API) or "self-hosted" (an
// OpenAI-compatible box, LocalAI/vLLM style, whose models are free); argv[3]: the key it accepts. Prints one JSON
// ready line with its base URL; stops on SIGTERM.
import { startFakeOpenAI } from "../../tests/fakes/openai";
import { SELF_HOSTED, startFakeCompatible } from "../../tests/fakes/openai-compatible";

async function main() {
  const [kind, key = "sk-test"] = process.argv.slice(2);
  const fake = kind === "self-hosted" ? await startFakeCompatible(SELF_HOSTED, { apiKey: key }) : await startFakeOpenAI({ apiKey: key });
  process.stdout.write(`${JSON.stringify({ ready: kind, baseUrl: fake.baseUrl })}\n`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
