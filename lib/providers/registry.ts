import "server-only";
import { env } from "@/lib/env";
import { fetchResultUrl } from "./fetch-result";
import { GoogleProvider } from "./google";
import { IdeogramProvider } from "./ideogram";
import { LocalProvider } from "./local";
import { OpenAIProvider } from "./openai";
import { OpenAICompatibleProvider } from "./openai-compatible";
import { Semaphore } from "./reliability";
import { ReplicateProvider } from "./replicate";
import type { SelectionPreferences } from "./selection";
import { providerIds, type ImageProvider, type ProviderContext, type ProviderId } from "./types";

/** A stand-in that lists a provider's models while it has no credentials (never called). */
function unconfigured<T extends ImageProvider>(make: () => T): ImageProvider {
  const provider = make();
  return Object.assign(Object.create(Object.getPrototypeOf(provider)), provider, { isConfigured: () => false }) as ImageProvider;
}

const missing = "not-configured";

/** Every provider, configured or not, built from the environment (DESIGN.md "Providers"). */
function buildProviders(): ImageProvider[] {
  const c = env();
  const openaiKey = c.OPENAI_API_KEY;
  const azure =
    c.AZURE_OPENAI_API_BASE && c.AZURE_OPENAI_API_KEY && c.AZURE_OPENAI_API_DALLE_DEPLOYMENT_NAME
      ? { endpoint: c.AZURE_OPENAI_API_BASE, apiKey: c.AZURE_OPENAI_API_KEY, deployment: c.AZURE_OPENAI_API_DALLE_DEPLOYMENT_NAME, apiVersion: c.AZURE_OPENAI_API_VERSION }
      : undefined;
  const openai = () => new OpenAIProvider({ apiKey: openaiKey ?? missing, baseUrl: c.OPENAI_BASE_URL, azure, defaultModel: c.OPENAI_IMAGE_MODEL });
  const replicate = () =>
    new ReplicateProvider({
      apiToken: c.REPLICATE_API_TOKEN ?? missing,
      baseUrl: c.REPLICATE_BASE_URL,
      models: { pro: c.FLUX_PRO_MODEL_NAME, dev: c.FLUX_DEV_MODEL_NAME, schnell: c.FLUX_SCHNELL_MODEL_NAME },
      webhookUrl: c.PUBLIC_URL && c.REPLICATE_WEBHOOK_SECRET ? `${c.PUBLIC_URL.replace(/\/$/, "")}/api/webhooks/replicate` : undefined,
    });
  const imagenEnabled = c.ENABLE_IMAGEN === undefined || ["true", "1", "yes", "on"].includes(c.ENABLE_IMAGEN);
  const google = () => new GoogleProvider({ apiKey: c.GEMINI_API_KEY ?? missing, baseUrl: c.GOOGLE_GENAI_BASE_URL, project: c.GOOGLE_CLOUD_PROJECT_ID });
  const ideogram = () => new IdeogramProvider({ apiKey: c.IDEOGRAM_API_KEY ?? missing, baseUrl: c.IDEOGRAM_BASE_URL });
  const compatible = () =>
    new OpenAICompatibleProvider({
      baseUrl: c.OPENAI_COMPATIBLE_BASE_URL ?? "http://not-configured.invalid/v1",
      apiKey: c.OPENAI_COMPATIBLE_API_KEY,
      models: c.OPENAI_COMPATIBLE_MODELS.split(",").map((m) => m.trim()).filter(Boolean),
      name: c.OPENAI_COMPATIBLE_NAME,
    });
  return [
    new LocalProvider(),
    openaiKey || azure ? openai() : unconfigured(openai),
    c.REPLICATE_API_TOKEN && !c.DISABLE_FLUX ? replicate() : unconfigured(replicate),
    c.GEMINI_API_KEY && imagenEnabled ? google() : unconfigured(google),
    c.IDEOGRAM_API_KEY ? ideogram() : unconfigured(ideogram),
    c.OPENAI_COMPATIBLE_BASE_URL ? compatible() : unconfigured(compatible),
  ];
}

let cached: ImageProvider[] | undefined;
const semaphores = new Map<ProviderId, Semaphore>();

export function providers(): ImageProvider[] {
  cached ??= buildProviders();
  return cached;
}

export function getProvider(id: ProviderId): ImageProvider {
  const provider = providers().find((p) => p.id === id);
  if (!provider) throw new Error(`no provider ${id}`);
  return provider;
}

/** Tests replace the providers (e.g. with ones pointed at fake servers) and reset them. */
export function setProvidersForTests(next: ImageProvider[] | undefined): void {
  cached = next;
  semaphores.clear();
}

/** The instance's preferences for automatic selection. */
export function selectionPreferences(): SelectionPreferences {
  const c = env();
  const defaultProvider = c.DEFAULT_PROVIDER ?? (c.USE_CHATGPT_IMAGE_GENERATOR ? "openai" : undefined);
  const fallbackOrder = (c.PROVIDER_FALLBACK_ORDER ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is ProviderId => (providerIds as readonly string[]).includes(s));
  return { defaultProvider, fallbackOrder };
}

/** At most PROVIDER_CONCURRENCY calls in flight per provider in this process. */
export function providerSemaphore(id: ProviderId): Semaphore {
  let s = semaphores.get(id);
  if (!s) semaphores.set(id, (s = new Semaphore(env().PROVIDER_CONCURRENCY)));
  return s;
}

/** Hosts each provider serves result files from (plus its configured base URL's host). */
const resultHosts: Record<ProviderId, string[]> = {
  local: [],
  openai: [".blob.core.windows.net", ".openai.com", ".oaiusercontent.com", ".openai.azure.com"],
  replicate: ["replicate.delivery", ".replicate.delivery", "replicate.com", ".replicate.com"],
  google: [".googleapis.com", ".googleusercontent.com"],
  ideogram: ["ideogram.ai", ".ideogram.ai"],
  "openai-compatible": [],
};

function configuredHosts(id: ProviderId): string[] {
  const c = env();
  const url = { openai: c.OPENAI_BASE_URL ?? c.AZURE_OPENAI_API_BASE, replicate: c.REPLICATE_BASE_URL, google: c.GOOGLE_GENAI_BASE_URL, ideogram: c.IDEOGRAM_BASE_URL, "openai-compatible": c.OPENAI_COMPATIBLE_BASE_URL, local: undefined }[id];
  return url ? [new URL(url).hostname] : [];
}

/** The context a provider call runs with: the SSRF-guarded downloader for its own hosts, progress, the signal. */
export function providerContext(id: ProviderId, signal: AbortSignal, onProgress?: ProviderContext["onProgress"]): ProviderContext {
  const c = env();
  const allowedHosts = [...resultHosts[id], ...configuredHosts(id)];
  return {
    signal,
    onProgress,
    fetchResult: (url) =>
      fetchResultUrl(url, {
        provider: id,
        allowedHosts,
        allowPrivate: c.ALLOW_PRIVATE_PROVIDER_URLS,
        maxBytes: c.maxUploadBytes * 2,
        timeoutMs: c.PROVIDER_TIMEOUT_SECONDS * 1000,
        signal,
      }),
  };
}
