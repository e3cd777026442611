import "server-only";
// The model catalog: the built-in entries (one data file per provider) with an operator's additions, changes and
// hidden models applied (MODEL_CATALOG_FILE, then MODEL_CATALOG), validated once; a bad entry stops the start with
// a sentence naming it. Adapters hold the protocols; this holds the models.
import { readFileSync } from "node:fs";
import { env, type Env } from "@/lib/env";
import type { ModelInfo, ProviderId } from "../types";
import { googleCatalog } from "./google";
import { ideogramCatalog } from "./ideogram";
import { localCatalog } from "./local";
import { compatibleCatalog } from "./openai-compatible";
import { openaiCatalog } from "./openai";
import { replicateCatalog } from "./replicate";
import { catalogEntrySchema, overrideEntrySchema, type CatalogEntry, type CatalogEntryInput, type OverrideEntry } from "./schema";

export type { CatalogEntry, CatalogEntryInput } from "./schema";

/** The built-in entries, before an operator's changes (some depend on configuration: Replicate slugs, compatible models). */
export function builtinCatalog(config: Env): CatalogEntryInput[] {
  return [...localCatalog, ...openaiCatalog, ...googleCatalog, ...replicateCatalog(config), ...ideogramCatalog, ...compatibleCatalog(config)];
}

const name = (e: { provider: string; id: string }) => `${e.provider}/${e.id}`;

/** Parses the operator's JSON (an array of entries, or {"models": [...]}); `where` names its source in errors. */
export function parseOverrides(text: string, where: string): OverrideEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(json) ? json : (json as { models?: unknown })?.models;
  if (!Array.isArray(list)) throw new Error(`${where} must be a JSON array of model entries (or {"models": [...]})`);
  return list.map((item, i) => {
    const result = overrideEntrySchema.safeParse(item);
    if (result.success) return result.data;
    const label = typeof item === "object" && item && "id" in item ? `entry ${i} (${(item as { provider?: string }).provider ?? "?"}/${String((item as { id: unknown }).id)})` : `entry ${i}`;
    throw new Error(`${where}: ${label} is invalid: ${issues(result.error)}`);
  });
}

const issues = (error: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  error.issues.map((i) => `${i.path.length ? `${i.path.map(String).join(".")}: ` : ""}${i.message}`).join("; ");

/** The catalog from built-in entries and overrides: merged, validated, with successors checked. */
export function buildCatalog(builtins: CatalogEntryInput[], overrides: Array<{ where: string; entries: OverrideEntry[] }>): CatalogEntry[] {
  const byKey = new Map<string, CatalogEntry>();
  for (const input of builtins) {
    const result = catalogEntrySchema.safeParse(input);
    if (!result.success) throw new Error(`The built-in catalog entry ${name(input)} is invalid: ${issues(result.error)}`);
    byKey.set(name(input), result.data);
  }
  for (const { where, entries } of overrides) {
    for (const change of entries) {
      const key = name(change);
      if (change.hidden) {
        byKey.delete(key);
        continue;
      }
      const current = byKey.get(key);
      const { hidden: _hidden, ...fields } = change;
      const merged = current
        ? {
            ...current,
            ...fields,
            capabilities: { ...current.capabilities, ...fields.capabilities },
            lifecycle: { ...current.lifecycle, ...fields.lifecycle },
            options: { ...current.options, ...fields.options },
          }
        : fields;
      const result = catalogEntrySchema.safeParse(merged);
      if (!result.success) {
        throw new Error(`${where}: ${current ? "the change to" : "the new model"} ${key} is invalid: ${issues(result.error)}${current ? "" : " (a new model needs label, capabilities.sizes and costPerImageUsd)"}`);
      }
      byKey.set(key, result.data);
    }
  }
  const entries = [...byKey.values()];
  for (const entry of entries) {
    const successor = entry.lifecycle.successor;
    if (successor && !byKey.has(`${entry.provider}/${successor}`)) {
      throw new Error(`Model catalog: ${name(entry)} names the successor "${successor}", which is not a ${entry.provider} model in the catalog`);
    }
    if (successor === entry.id) throw new Error(`Model catalog: ${name(entry)} names itself as its successor`);
  }
  // One default per provider: an operator's mark (applied later) wins over the built-in one.
  for (const provider of new Set(entries.map((e) => e.provider))) {
    const marked = entries.filter((e) => e.provider === provider && e.default);
    for (const extra of marked.slice(0, -1)) extra.default = false;
  }
  return entries;
}

let cached: { env: Env; catalog: CatalogEntry[]; byProvider: Map<ProviderId, ModelInfo[]> } | undefined;

/** Reads MODEL_CATALOG_FILE and MODEL_CATALOG (file first, then inline). */
function operatorOverrides(config: Env): Array<{ where: string; entries: OverrideEntry[] }> {
  const out: Array<{ where: string; entries: OverrideEntry[] }> = [];
  if (config.MODEL_CATALOG_FILE) {
    let text: string;
    try {
      text = readFileSync(/*turbopackIgnore: true*/ config.MODEL_CATALOG_FILE, "utf8");
    } catch (error) {
      throw new Error(`MODEL_CATALOG_FILE ${config.MODEL_CATALOG_FILE} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    out.push({ where: `MODEL_CATALOG_FILE (${config.MODEL_CATALOG_FILE})`, entries: parseOverrides(text, `MODEL_CATALOG_FILE (${config.MODEL_CATALOG_FILE})`) });
  }
  if (config.MODEL_CATALOG) out.push({ where: "MODEL_CATALOG", entries: parseOverrides(config.MODEL_CATALOG, "MODEL_CATALOG") });
  return out;
}

/** The catalog of this process (built on first use, from the configuration). */
export function catalog(): CatalogEntry[] {
  return loaded().catalog;
}

function loaded() {
  const config = env();
  // Rebuilt when the configuration is parsed anew (tests change variables between cases).
  if (cached?.env !== config) {
    const catalog = buildCatalog(builtinCatalog(config), operatorOverrides(config));
    const byProvider = new Map<ProviderId, ModelInfo[]>();
    for (const entry of catalog) {
      const list = byProvider.get(entry.provider) ?? [];
      list.push(toModelInfo(entry));
      byProvider.set(entry.provider, list);
    }
    cached = { env: config, catalog, byProvider };
  }
  return cached;
}

function toModelInfo(entry: CatalogEntry): ModelInfo {
  const { provider: _provider, ...info } = entry;
  return info as ModelInfo;
}

/** A provider's models, the default first (retired ones included: selection skips them, listings show them). */
export function catalogModels(provider: ProviderId): ModelInfo[] {
  return defaultFirst(loaded().byProvider.get(provider) ?? []);
}

function defaultFirst(models: ModelInfo[]): ModelInfo[] {
  const first = models.find((m) => m.default) ?? models.find((m) => m.lifecycle.status === "active");
  return first ? [first, ...models.filter((m) => m !== first)] : models;
}

/**
 * The models of an OpenAI-compatible server connected on Settings → Providers: the ids typed there, as
 * OPENAI_COMPATIBLE_MODELS would name them, with the operator's catalog entries for that provider applied.
 */
export function compatibleModelsFor(ids: string[]): ModelInfo[] {
  const overrides = operatorOverrides(env()).map((o) => ({ ...o, entries: o.entries.filter((e) => e.provider === "openai-compatible") }));
  return defaultFirst(buildCatalog(compatibleCatalog({ OPENAI_COMPATIBLE_MODELS: ids.join(",") }), overrides).map(toModelInfo));
}

/** Tests change the configuration between cases; this forgets the built catalog. */
export function resetCatalogForTests(): void {
  cached = undefined;
}
