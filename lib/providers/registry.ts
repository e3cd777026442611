import "server-only";
import { env, type Env } from "@/lib/env";
import { log } from "@/lib/log";
import { catalogModels, compatibleModelsFor } from "./catalog";
import { fetchResultUrl } from "./fetch-result";
import { recordObservation } from "./lifecycle/state";
import { GoogleProvider } from "./google";
import { IdeogramProvider } from "./ideogram";
import { LocalProvider } from "./local";
import { OpenAIProvider } from "./openai";
import { OpenAICompatibleProvider } from "./openai-compatible";
import { ReplicateProvider } from "./replicate";
import type { SelectionPreferences } from "./selection";
import { environmentSource, googleEnabled, type ManagedProviderId } from "./settings/managed";
import { activeProviderSettings, providerSettingsSnapshot, type ActiveProviderSetting } from "./settings/snapshot";
import { providerIds, type ImageProvider, type ProviderContext, type ProviderId } from "./types";

/** A stand-in that lists a provider's models while it has no credentials (never called). */
function unconfigured<T extends ImageProvider>(make: () => T): ImageProvider {
  const provider = make();
  return Object.assign(Object.create(Object.getPrototypeOf(provider)), provider, { isConfigured: () => false }) as ImageProvider;
}

const missing = "not-configured";

/**
 * The setting an administrator stored for a provider (Settings → Providers), when it applies: the environment
 * does not configure that provider (environment variables win, per provider), and it is enabled and opens.
 */
function inApp(id: ManagedProviderId, c: Env, stored: ReadonlyMap<ManagedProviderId, ActiveProviderSetting>): ActiveProviderSetting | undefined {
  if (environmentSource(id, c)) return undefined;
  const s = stored.get(id);
  return s?.enabled && !s.error ? s : undefined;
}

/** Every provider, configured or not, from the environment and the stored settings (docs/models.md). */
function buildProviders(): ImageProvider[] {
  const c = env();
  const { byProvider: stored } = activeProviderSettings();
  const app = (id: ManagedProviderId) => inApp(id, c, stored);
  const [openaiApp, replicateApp, googleApp, ideogramApp, compatibleApp] = (["openai", "replicate", "google", "ideogram", "openai-compatible"] as const).map(app);

  const openaiKey = c.OPENAI_API_KEY ?? openaiApp?.secret;
  const azure =
    c.AZURE_OPENAI_API_BASE && c.AZURE_OPENAI_API_KEY && c.AZURE_OPENAI_API_DALLE_DEPLOYMENT_NAME
      ? { endpoint: c.AZURE_OPENAI_API_BASE, apiKey: c.AZURE_OPENAI_API_KEY, deployment: c.AZURE_OPENAI_API_DALLE_DEPLOYMENT_NAME, apiVersion: c.AZURE_OPENAI_API_VERSION }
      : undefined;
  const openai = () =>
    new OpenAIProvider({ apiKey: openaiKey ?? missing, baseUrl: openaiApp?.baseUrl ?? c.OPENAI_BASE_URL, azure, defaultModel: c.OPENAI_IMAGE_MODEL, models: catalogModels("openai"), textModel: c.OPENAI_TEXT_MODEL });
  const replicateToken = c.REPLICATE_API_TOKEN ?? replicateApp?.secret;
  const replicate = () =>
    new ReplicateProvider({
      apiToken: replicateToken ?? missing,
      baseUrl: replicateApp?.baseUrl ?? c.REPLICATE_BASE_URL,
      models: catalogModels("replicate"),
      webhookUrl: c.PUBLIC_URL && c.REPLICATE_WEBHOOK_SECRET ? `${c.PUBLIC_URL.replace(/\/$/, "")}/api/webhooks/replicate` : undefined,
    });
  const geminiKey = c.GEMINI_API_KEY ?? googleApp?.secret;
  const google = () =>
    new GoogleProvider({ apiKey: geminiKey ?? missing, baseUrl: googleApp?.baseUrl ?? c.GOOGLE_GENAI_BASE_URL, project: c.GOOGLE_CLOUD_PROJECT_ID, models: catalogModels("google"), textModel: c.GEMINI_TEXT_MODEL });
  const ideogramKey = c.IDEOGRAM_API_KEY ?? ideogramApp?.secret;
  const ideogram = () => new IdeogramProvider({ apiKey: ideogramKey ?? missing, baseUrl: ideogramApp?.baseUrl ?? c.IDEOGRAM_BASE_URL, models: catalogModels("ideogram") });
  const compatibleUrl = c.OPENAI_COMPATIBLE_BASE_URL ?? compatibleApp?.baseUrl;
  const compatibleName = compatibleApp && typeof compatibleApp.options.name === "string" && compatibleApp.options.name ? compatibleApp.options.name : c.OPENAI_COMPATIBLE_NAME;
  const compatible = () =>
    new OpenAICompatibleProvider({
      baseUrl: compatibleUrl ?? "http://not-configured.invalid/v1",
      apiKey: c.OPENAI_COMPATIBLE_BASE_URL ? c.OPENAI_COMPATIBLE_API_KEY : compatibleApp?.secret,
      models: compatibleApp && Array.isArray(compatibleApp.options.models) && compatibleApp.options.models.length ? compatibleModelsFor(compatibleApp.options.models as string[]) : catalogModels("openai-compatible"),
      name: compatibleName,
      textModel: c.OPENAI_COMPATIBLE_TEXT_MODEL,
    });
  return [
    new LocalProvider(catalogModels("local")),
    openaiKey || azure ? openai() : unconfigured(openai),
    replicateToken && !c.DISABLE_FLUX ? replicate() : unconfigured(replicate),
    geminiKey && googleEnabled(c) ? google() : unconfigured(google),
    ideogramKey ? ideogram() : unconfigured(ideogram),
    compatibleUrl ? compatible() : unconfigured(compatible),
  ];
}

/** The built providers and the settings snapshot they were built from; `pinned` when a test set them. */
let cached: { list: ImageProvider[]; version: number; pinned: boolean } | undefined;

/** Every provider, rebuilt when the stored settings changed (here at once, from another instance within their TTL). */
export function providers(): ImageProvider[] {
  if (cached?.pinned) return cached.list;
  const { version } = activeProviderSettings();
  if (!cached || cached.version !== version) cached = { list: buildProviders(), version, pinned: false };
  return cached.list;
}

/** The providers once the stored settings are fresh (at most one small query): for request and job paths. */
export async function currentProviders(): Promise<ImageProvider[]> {
  if (!cached?.pinned) await providerSettingsSnapshot();
  return providers();
}

export function getProvider(id: ProviderId): ImageProvider {
  const provider = providers().find((p) => p.id === id);
  if (!provider) throw new Error(`no provider ${id}`);
  return provider;
}

/** Tests replace the providers (e.g. with ones pointed at fake servers) and reset them (undefined: build again). */
export function setProvidersForTests(next: ImageProvider[] | undefined): void {
  cached = next ? { list: next, version: -1, pinned: true } : undefined;
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
  // An administrator's base URL (Settings → Providers) counts when the environment does not configure the provider.
  const stored = id === "local" ? undefined : inApp(id, c, activeProviderSettings().byProvider)?.baseUrl;
  return [url, stored].filter((u): u is string => !!u).map((u) => new URL(u).hostname);
}

/** The context a provider call runs with: the SSRF-guarded downloader for its own hosts, progress, the signal. */
export function providerContext(id: ProviderId, signal: AbortSignal, onProgress?: ProviderContext["onProgress"]): ProviderContext {
  const c = env();
  const allowedHosts = [...resultHosts[id], ...configuredHosts(id)];
  return {
    signal,
    onProgress,
    // What a response says of its model's life cycle (Gemini modelStatus) is kept for every instance.
    onModelStatus: (observation) =>
      void recordObservation(id, observation, getProvider(id).models).catch((error: Error) => log.warn("could not record a model's life cycle", { provider: id, model: observation.model, error: error.message })),
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
