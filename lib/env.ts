import path from "node:path";
import { z } from "zod";

/**
 * The app's configuration, read from `process.env` in this one place and validated once.
 * A bad value fails at start with a sentence that names the variable.
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes" || v === "on");

const megabytes = (fallback: number) =>
  z.coerce.number().positive("must be a positive number of megabytes").default(fallback);

/** A Standard Webhooks secret: "whsec_" and the base64 of at least `minBytes` random bytes. */
const webhookSecret = (minBytes: number) =>
  z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be "whsec_" followed by base64, such as whsec_$(openssl rand -base64 32)')
    .refine((v) => Buffer.from(v.slice(6), "base64").length >= minBytes, `must encode at least ${minBytes} bytes after "whsec_"`);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^(postgres(ql)?:\/\/|file:)/.test(v), "must start with postgres://, postgresql:// or file:"),
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  STORAGE_DIR: z.string().optional(),
  // S3-compatible storage (STORAGE_DRIVER=s3): AWS S3, Cloudflare R2, MinIO, s3rver.
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  /** For anything but AWS: the service's endpoint, e.g. https://<account>.r2.cloudflarestorage.com or http://minio:9000. */
  S3_ENDPOINT: z.url("must be an absolute URL").optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style addressing (bucket in the path): MinIO, s3rver and most self-hosted servers need it. */
  S3_FORCE_PATH_STYLE: bool,
  /** A folder inside the bucket for this instance's objects. */
  S3_PREFIX: z.string().regex(/^[\w.\/-]*$/, "may hold letters, digits, dots, dashes, underscores and slashes").optional(),
  /** Files above this size are uploaded in parts. */
  S3_MULTIPART_THRESHOLD_MB: z.coerce.number().positive().default(16),
  /** A public base URL (CDN) in front of the bucket: file URLs of public variants point there. */
  CDN_URL: z.url("must be an absolute URL").optional(),
  /** Cloudflare Image Resizing in front of the bucket (the seeds' variable): a host such as images.example.com. */
  CLOUDFLARE_IMAGE_PROXY_DOMAIN: z.string().optional(),
  /**
   * Where job ids wait: "in-process" (one machine) or "postgres" (pg-boss on DATABASE_URL, shared by every web
   * instance and worker). Default: postgres when the database is PostgreSQL, else in-process.
   */
  QUEUE_DRIVER: z.enum(["in-process", "postgres"]).optional(),
  /** Jobs one worker process runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PUBLIC_URL: z.url("must be an absolute URL such as https://studio.example.com").optional(),
  AUTH_MODE: z.enum(["single-user", "multi-user"]).default("single-user"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Multi-user mode: anyone may create an account on the sign-up page (otherwise only `npm run admin -- user:create`). */
  ALLOW_SIGN_UP: z
    .enum(["true", "false", "1", "0", "yes", "no", "on", "off", ""])
    .optional()
    .transform((v) => !(v === "false" || v === "0" || v === "no" || v === "off")),
  /**
   * How many reverse proxies stand in front of the app (true/on = 1, false/off = 0). Only then are X-Forwarded-For,
   * -Host and -Proto believed, and only the entries those proxies added: the client address (per-address sign-in
   * limits) and the origin clients used (absolute URLs, the cross-site check, sign-in redirects). Off, anyone
   * could forge them, so the request's own Host (or PUBLIC_URL) decides and only per-email limits apply.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().toLowerCase())
    .refine((v) => /^(true|false|yes|no|on|off|\d{1,2})?$/.test(v), "must be true/false or a number of proxies such as 1 or 2")
    .transform((v) => (v === "true" || v === "yes" || v === "on" ? 1 : /^\d+$/.test(v) ? Number(v) : 0)),
  /** Seconds a JSON or multipart request body may take to arrive in full before it is refused (408). */
  REQUEST_BODY_TIMEOUT_SECONDS: z.coerce.number().positive("must be a positive number of seconds").max(3600, "must be at most 3600").default(30),
  /** Password sign-in attempts per email (and per client address) per 15 minutes before further tries are refused. */
  SIGN_IN_ATTEMPTS_PER_15_MIN: z.coerce.number().int().min(1).max(1000).default(10),
  // OAuth sign-in providers, switched on by their credentials (Auth.js's AUTH_<PROVIDER>_ID/_SECRET names).
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  MAX_UPLOAD_MB: megabytes(25),
  MAX_INPUT_MEGAPIXELS: z.coerce.number().positive("must be a positive number of megapixels").default(50),
  SIGNED_URL_MAX_SECONDS: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  ALLOW_PRIVATE_PROVIDER_URLS: bool,
  ALLOW_PRIVATE_WEBHOOK_URLS: bool,
  WORKER: z.enum(["on", "off"]).default("on"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

  // Providers (docs/models.md): credentials switch a provider on; base URLs point at compatible servers.
  DEFAULT_PROVIDER: z.enum(["local", "openai", "replicate", "google", "ideogram", "openai-compatible"]).optional(),
  /** Comma-separated provider ids tried in order when one fails. */
  PROVIDER_FALLBACK_ORDER: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url("must be an absolute URL").optional(),
  OPENAI_IMAGE_MODEL: z.string().optional(),
  /** The Responses API model that describes pictures and enhances prompts (default gpt-6-luna; "off": none). */
  OPENAI_TEXT_MODEL: z.string().optional(),
  AZURE_OPENAI_API_BASE: z.url("must be an absolute URL such as https://name.openai.azure.com").optional(),
  AZURE_OPENAI_API_KEY: z.string().optional(),
  AZURE_OPENAI_API_DALLE_DEPLOYMENT_NAME: z.string().optional(),
  AZURE_OPENAI_API_VERSION: z.string().default("2025-04-01-preview"),
  USE_CHATGPT_IMAGE_GENERATOR: bool,
  REPLICATE_API_TOKEN: z.string().optional(),
  REPLICATE_BASE_URL: z.url("must be an absolute URL").optional(),
  /** Replicate model slugs (owner/name) of the catalog's FLUX entries: FLUX.2 first, FLUX.1 kept while Replicate serves them. */
  FLUX_2_PRO_MODEL_NAME: z.string().default("black-forest-labs/flux-2-pro"),
  FLUX_2_FLEX_MODEL_NAME: z.string().default("black-forest-labs/flux-2-flex"),
  FLUX_PRO_MODEL_NAME: z.string().default("black-forest-labs/flux-1.1-pro"),
  FLUX_DEV_MODEL_NAME: z.string().default("black-forest-labs/flux-dev"),
  FLUX_SCHNELL_MODEL_NAME: z.string().default("black-forest-labs/flux-schnell"),
  /**
   * Replicate models (owner/name) of the finishing tools: the upscaler (google/upscaler: `image`, `upscale_factor`
   * x2|x4) and the background remover (bria/remove-background: `image`). Another model with a different input
   * schema needs its catalog entry's `options.input` changed too (lib/providers/catalog/replicate.ts).
   */
  REPLICATE_UPSCALE_MODEL: z.string().default("google/upscaler"),
  REPLICATE_REMOVE_BACKGROUND_MODEL: z.string().default("bria/remove-background"),
  DISABLE_FLUX: bool,
  GEMINI_API_KEY: z.string().optional(),
  GOOGLE_CLOUD_PROJECT_ID: z.string().optional(),
  GOOGLE_GENAI_BASE_URL: z.url("must be an absolute URL").optional(),
  /** The Gemini text model that describes pictures and enhances prompts (default gemini-3.8-flash; "off": none). */
  GEMINI_TEXT_MODEL: z.string().optional(),
  ENABLE_IMAGEN: z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"]).optional(),
  IDEOGRAM_API_KEY: z.string().optional(),
  IDEOGRAM_BASE_URL: z.url("must be an absolute URL").default("https://api.ideogram.ai"),
  OPENAI_COMPATIBLE_BASE_URL: z.url("must be an absolute URL such as http://gpu-box:8000/v1").optional(),
  OPENAI_COMPATIBLE_API_KEY: z.string().optional(),
  /** Comma-separated model ids the compatible server offers (the first is the default). */
  OPENAI_COMPATIBLE_MODELS: z.string().default("default"),
  OPENAI_COMPATIBLE_NAME: z.string().default("OpenAI-compatible server"),
  /** A chat-completions model of that server that reads images: switches on describe and enhance there (unset: off). */
  OPENAI_COMPATIBLE_TEXT_MODEL: z.string().optional(),

  // The model catalog (lib/providers/catalog/) and its life cycle (lib/providers/lifecycle/)
  /** A JSON file of catalog entries that add, change or hide models (same schema as the built-in catalog). */
  MODEL_CATALOG_FILE: z.string().optional(),
  /** The same as inline JSON (an array of entries); applied after the file. */
  MODEL_CATALOG: z.string().optional(),
  /** A request naming a retired model is served by its successor (true) or refused with 422 model_retired (false). */
  MODEL_AUTO_UPGRADE: z
    .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
    .optional()
    .transform((v) => !(v === "false" || v === "0" || v === "no" || v === "off")),
  /** Minutes between two readings of the providers' model lists (at start, then this often; 0: never). */
  MODEL_WATCH_INTERVAL_MINUTES: z.coerce.number().min(0).max(10_080).default(360),

  // Reliability, cost and limits
  PROVIDER_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(60),
  PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  PROVIDER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  DAILY_BUDGET_USD: z.coerce.number().min(0, "must not be negative").default(5),
  MAX_COST_PER_IMAGE_USD: z.coerce.number().min(0, "must not be negative").default(0.5),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  MAX_PROMPT_LENGTH: z.coerce.number().int().min(10).max(100_000).default(4000),
  // Processing budget (lib/processing/budget.ts, gate.ts): resize, crop, filter, process, apply-palette, export.
  /** Most operations in one POST /images/{id}/process (the request schema allows at most 20). */
  MAX_PROCESS_OPERATIONS: z.coerce.number().int("must be a whole number of operations").min(1, "must be at least 1").max(20, "must be at most 20").default(10),
  /** Largest width × height of a processing result or of any step on the way, in megapixels. */
  MAX_OUTPUT_MEGAPIXELS: z.coerce.number().positive("must be a positive number of megapixels").default(50),
  /** Largest estimated work of one request, in millions of pixel·taps (pixels × kernel size, summed over operations). */
  MAX_PROCESS_WORK: z.coerce.number().positive("must be a positive number of millions of pixel·taps").default(40_000),
  /** Processing requests one process runs at once; more wait in the queue. */
  PROCESSING_CONCURRENCY: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(64, "must be at most 64").default(2),
  /** Processing requests that may wait for a slot; beyond them a request is refused with 503 busy and Retry-After. */
  PROCESSING_QUEUE: z.coerce.number().int("must be a whole number").min(0, "must not be negative").max(1000, "must be at most 1000").default(16),
  /** A processing pipeline still running after this long is stopped (504 timeout): the last resort behind the budget. */
  PROCESSING_TIMEOUT_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(1, "must be at least 1").max(3600, "must be at most 3600").default(30),
  /** Stored files no image row names are removed once older than this (a crash between a write and its row); 0: at once. */
  ORPHAN_SWEEP_MIN_AGE_MINUTES: z.coerce.number().min(0, "must not be negative (minutes; 0 sweeps files of any age)").max(525_600).default(60),
  /** Minutes between two orphan sweeps by a worker (at start, then this often; 0: never). */
  ORPHAN_SWEEP_INTERVAL_MINUTES: z.coerce.number().min(0, "must not be negative (minutes; 0 turns the sweep off)").max(10_080).default(360),
  /** Days an image stays in the trash before a worker deletes it for good (rows and files). */
  TRASH_RETENTION_DAYS: z.coerce.number().min(0, "must not be negative (days; 0 purges at the next sweep)").max(3650, "must be at most 3650 days").default(30),

  // Provenance (docs/provenance.md): AI marking and Content Credentials (C2PA) on every file the studio makes.
  /** The certificate chain (PEM text or a file path; the signing certificate first) Content Credentials are signed with; unset → the instance's own, made at first use (self-signed root). */
  C2PA_SIGNING_CERT: z.string().min(1).optional(),
  /** The private key of C2PA_SIGNING_CERT (PKCS#8 PEM text or a file path): ECDSA P-256/P-384/P-521 or Ed25519. */
  C2PA_SIGNING_KEY: z.string().min(1).optional(),
  /**
   * Lets an export leave out the AI marking and the Content Credentials (`marking=false`). Off by default: a file
   * with AI-made pixels always says so (EU AI Act, Article 50). Only for an operator with a documented reason.
   */
  ALLOW_UNMARKED_EXPORTS: z
    .string()
    .default("false")
    .transform((v) => v === "true" || v === "1" || v === "yes" || v === "on"),
  /** Longest side of any image the studio accepts, makes or exports, in pixels (WebP's limit is 16383). */
  MAX_IMAGE_SIDE: z.coerce.number().int("must be a whole number of pixels").min(64, "must be at least 64").max(65_535, "must be at most 65535").default(16_383),
  /** Most frames an animated GIF or WebP may have; all its frames together may hold 10 × MAX_INPUT_MEGAPIXELS. */
  MAX_ANIMATION_FRAMES: z.coerce.number().int("must be a whole number of frames").min(2, "must be at least 2").max(100_000, "must be at most 100000").default(1000),

  // Webhooks: job webhooks we send (signed, Standard Webhooks) and Replicate's webhooks we receive.
  /** Signs outgoing webhooks; unset → derived from the instance secret (GET /api/v1/webhooks/secret shows it). */
  WEBHOOK_SECRET: webhookSecret(24).optional(),
  /** Replicate's signing secret (GET https://api.replicate.com/v1/webhooks/default/secret). */
  REPLICATE_WEBHOOK_SECRET: webhookSecret(16).optional(),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive("must be a positive number of seconds").max(60, "must be at most 60").default(10),
  /** Seconds before each retry of a failed delivery; one more attempt than delays, then the delivery is failed. */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default("5,30,120,600,3600")
    .transform((v) => v.split(",").map((s) => Number(s.trim())))
    .refine(
      (delays) => delays.length <= 20 && delays.every((d) => Number.isFinite(d) && d > 0 && d <= 86_400),
      "must be comma-separated delays in seconds (each above 0 and at most 86400, at most 20), such as 5,30,120,600,3600",
    ),
});

export type Env = z.infer<typeof schema> & {
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  /** Absolute path of the local storage root. */
  storageDir: string;
  databaseTarget: "sqlite" | "postgres";
  /** The SQLite URL (file:…) or the PostgreSQL URL in use. */
  databaseUrl: string;
  maxUploadBytes: number;
  maxInputPixels: number;
};

/** Parses a set of variables; throws an Error whose message names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const sentences = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "configuration");
      return `${name} ${issue.message.replace(/^Invalid input: /, "")} (got ${JSON.stringify(cleaned[name] ?? null)})`;
    });
    throw new Error(`Invalid configuration: ${sentences.join("; ")}.`);
  }
  const env = result.data;
  if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET) {
    throw new Error("Invalid configuration: STORAGE_DRIVER=s3 needs S3_BUCKET (and S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_ENDPOINT for anything but AWS).");
  }
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR);
  const isPostgres = !!env.DATABASE_URL && /^postgres(ql)?:/.test(env.DATABASE_URL);
  return {
    ...env,
    dataDir,
    storageDir: path.resolve(/*turbopackIgnore: true*/ env.STORAGE_DIR ?? path.join(dataDir, "storage")),
    databaseTarget: isPostgres ? "postgres" : "sqlite",
    databaseUrl: env.DATABASE_URL ?? `file:${path.join(/*turbopackIgnore: true*/ dataDir, "studio.db")}`,
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
    maxInputPixels: Math.round(env.MAX_INPUT_MEGAPIXELS * 1_000_000),
  };
}

let cached: Env | undefined;

/** The validated configuration of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change variables between cases; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
