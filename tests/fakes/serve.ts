// Runs every provider fake at once, for trying the studio by hand as a user with keys for every provider would:
//   node --conditions=react-server --import tsx tests/fakes/serve.ts [env-file]
// prints (and writes to env-file, if given) the variables that point the studio at them; Ctrl+C stops them.
// The fakes answer as the providers do in December 2026 (retired ids 404, model lists with shutdown dates,
// Gemini modelStatus) and log each call's model, so a session shows which ids reached a "provider".
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeGoogle } from "./google";
import { startFakeIdeogram } from "./ideogram";
import { startFakeOpenAI } from "./openai";
import { RECRAFT, startFakeCompatible } from "./openai-compatible";
import { startFakeReplicate } from "./replicate";

async function main() {
  const [openai, google, replicate, ideogram, recraft] = await Promise.all([
    startFakeOpenAI(), startFakeGoogle(), startFakeReplicate({ processingPolls: 1 }), startFakeIdeogram(), startFakeCompatible(RECRAFT, { apiKey: "recraft-test" }),
  ]);
  // Recraft through the openai-compatible provider, configured exactly as docs/models.md shows (no code).
  const doc = readFileSync(new URL("../../docs/models.md", import.meta.url), "utf8");
  const json = /```json\n([\s\S]*?)\n```/.exec(doc.slice(doc.indexOf("### Example: Recraft V4")))?.[1] ?? "[]";
  const catalogFile = path.join(os.tmpdir(), "image-studio-recraft.json");
  writeFileSync(catalogFile, json);
  const vars = {
    OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseUrl,
    GEMINI_API_KEY: google.apiKey, GOOGLE_GENAI_BASE_URL: google.url,
    REPLICATE_API_TOKEN: replicate.token, REPLICATE_BASE_URL: replicate.baseUrl,
    IDEOGRAM_API_KEY: ideogram.apiKey, IDEOGRAM_BASE_URL: ideogram.url,
    OPENAI_COMPATIBLE_BASE_URL: recraft.baseUrl, OPENAI_COMPATIBLE_API_KEY: "recraft-test", OPENAI_COMPATIBLE_NAME: "Recraft",
    OPENAI_COMPATIBLE_MODELS: "recraftv4,recraftv4_pro", MODEL_CATALOG_FILE: catalogFile,
    ALLOW_PRIVATE_PROVIDER_URLS: "true",
  };
  const text = Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n") + "\n";
  if (process.argv[2]) writeFileSync(process.argv[2], text);
  process.stdout.write(text);
  for (const [name, fake] of Object.entries({ openai, google, replicate: replicate.server, ideogram, recraft })) {
    let seen = 0;
    setInterval(() => {
      for (const r of fake.requests.slice(seen)) console.log(`[${name}] ${r.method} ${r.path}${(r.json as { model?: string } | undefined)?.model ? ` model=${(r.json as { model: string }).model}` : ""}`);
      seen = fake.requests.length;
    }, 500);
  }
  const stop = () => Promise.all([openai.close(), google.close(), replicate.close(), ideogram.close(), recraft.close()]).then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
