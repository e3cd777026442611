// A fake of Replicate's HTTP API (https://replicate.com/docs/reference/http) for Black Forest Labs' official FLUX
// models: create a prediction (POST /v1/models/{owner}/{name}/predictions, `Prefer: wait` honoured), poll it
// (GET /v1/predictions/{id}), cancel it, GET /v1/models/{owner}/{name} and GET /v1/account.
// Inputs are checked against each model's API schema as replicate.com lists it (December 2026):
// https://replicate.com/black-forest-labs/flux-2-pro/api/schema, …/flux-2-flex/api/schema, and the FLUX.1 ones
// (…/flux-1.1-pro, …/flux-dev, …/flux-schnell). Unlike the real service, unknown input fields and fields the model
// would ignore (width/height without aspect_ratio "custom") are refused, so an adapter sending them fails loudly.
// A model Replicate does not serve — never did, or retired with `retire()` while the studio runs — answers 404
// with Replicate's body for an unknown resource: {"detail": "The requested resource could not be found.", "status": 404}.
// The finishing-tool models (google/upscaler, bria/remove-background) are in tests/fakes/replicate-tools.ts.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import sharp from "sharp";
import { buildCatalog } from "@/lib/providers/catalog";
import { replicateCatalog } from "@/lib/providers/catalog/replicate";
import type { ModelInfo } from "@/lib/providers/types";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";
import { describeImage, type ReceivedImage } from "./references";
import { TOOL_SCHEMAS, toolOutput, toolRequired } from "./replicate-tools";

const FLUX1_PIXELS: Record<string, [number, number]> = {
  "1:1": [1024, 1024], "16:9": [1344, 768], "21:9": [1536, 640], "3:2": [1216, 832], "2:3": [832, 1216],
  "4:5": [896, 1088], "5:4": [1088, 896], "3:4": [896, 1152], "4:3": [1152, 896], "9:16": [768, 1344], "9:21": [640, 1536],
};
const PRO1_RATIOS = ["custom", "1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3"];
const OPEN_RATIOS = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"];
const FLUX2_RATIOS = ["match_input_image", "custom", "1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3"];
const FLUX2_RESOLUTIONS: Record<string, number> = { "0.5 MP": 0.5, "1 MP": 1, "2 MP": 2, "4 MP": 4 };
const MEGAPIXEL = 1024 * 1024;

type Rule = (value: unknown) => string | null;
const oneOf = (values: string[]): Rule => (v) => (typeof v === "string" && values.includes(v) ? null : `must be one of ${values.join(", ")}`);
const int = (min: number, max: number): Rule => (v) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be an integer ${min}–${max}`);
const num = (min: number, max: number): Rule => (v) => (typeof v === "number" && v >= min && v <= max ? null : `must be a number ${min}–${max}`);
const bool: Rule = (v) => (typeof v === "boolean" ? null : "must be a boolean");
const text: Rule = (v) => (typeof v === "string" && v.trim() ? null : "is required");
const uri: Rule = (v) => (typeof v === "string" && /^(data:image\/[\w.+-]+;base64,|https?:\/\/)/.test(v) ? null : "must be a URI");
const anyInt: Rule = (v) => (Number.isInteger(v) ? null : "must be an integer");
/** input_images: up to `max` URIs of jpeg, png, gif or webp. */
const images = (max: number): Rule => (v) => {
  if (!Array.isArray(v)) return "must be an array";
  if (v.length > max) return `takes at most ${max} images`;
  for (const item of v) {
    if (uri(item)) return "must be a list of URIs";
    const type = /^data:(image\/[\w.+-]+);/.exec(item as string)?.[1];
    if (type && !["image/jpeg", "image/png", "image/gif", "image/webp"].includes(type)) return "must be jpeg, png, gif, or webp";
  }
  return null;
};

const common1 = { prompt: text, seed: anyInt, output_format: oneOf(["webp", "jpg", "png"]), output_quality: int(0, 100) };
const openWeights = { ...common1, aspect_ratio: oneOf(OPEN_RATIOS), num_outputs: int(1, 4), go_fast: bool, megapixels: oneOf(["1", "0.25"]), disable_safety_checker: bool };
const flux2 = (maxImages: number) => ({
  prompt: text, input_images: images(maxImages), aspect_ratio: oneOf(FLUX2_RATIOS), resolution: oneOf(["match_input_image", ...Object.keys(FLUX2_RESOLUTIONS)]),
  width: int(256, 2048), height: int(256, 2048), safety_tolerance: int(1, 5), seed: anyInt, output_format: oneOf(["webp", "jpg", "png"]), output_quality: int(0, 100),
});

/** Input schemas of the official models, keyed by owner/name. */
export const FAKE_REPLICATE_SCHEMAS: Record<string, Record<string, Rule>> = {
  "black-forest-labs/flux-2-pro": flux2(8),
  "black-forest-labs/flux-2-flex": { ...flux2(10), prompt_upsampling: bool, steps: int(1, 50), guidance: num(1.5, 10) },
  "black-forest-labs/flux-1.1-pro": { ...common1, aspect_ratio: oneOf(PRO1_RATIOS), width: int(256, 1440), height: int(256, 1440), safety_tolerance: int(1, 6), prompt_upsampling: bool },
  "black-forest-labs/flux-dev": { ...openWeights, image: uri, prompt_strength: num(0, 1), guidance: num(0, 10), num_inference_steps: int(1, 50) },
  "black-forest-labs/flux-schnell": { ...openWeights, num_inference_steps: int(1, 4) },
  ...TOOL_SCHEMAS,
};
const isFlux2 = (model: string) => model.startsWith("black-forest-labs/flux-2-");
/** The output schemas: FLUX.2 and flux-1.1-pro answer one URI, flux-dev and flux-schnell a list. */
const DEFAULT_SHAPE = (model: string): OutputShape => (isFlux2(model) || model.endsWith("/flux-1.1-pro") || TOOL_SCHEMAS[model] ? "string" : "list");

export type OutputShape = "string" | "list";

export interface FakePrediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  status: "starting" | "processing" | "succeeded" | "failed" | "canceled";
  output: string | string[] | null;
  error: string | null;
  logs: string;
  urls: { get: string; cancel: string };
  created_at: string;
  started_at?: string;
  completed_at?: string;
  metrics?: { predict_time: number };
  webhook?: string;
  /** Fake bookkeeping (not in the API's answer). */
  polls: number;
  failWith?: string;
  /** The size of the image(s) it makes (fake bookkeeping). */
  size?: [number, number];
}

export interface FakeReplicateOptions {
  token?: string;
  /** Polls answered "starting" before "processing" (default 1). */
  startingPolls?: number;
  /** Polls answered "processing" before the end (default 2); the logs grow by one line of `progressLogs` each. */
  processingPolls?: number;
  progressLogs?: string[];
  /** Models (owner/name, or the name alone) answered 404 from the start. */
  retired?: string[];
  /** How outputs come back: one URL string or a list; per model (owner/name or name) or for all. Default: each model's schema. */
  outputShape?: OutputShape | Record<string, OutputShape>;
}

export interface FakeReplicate {
  server: FakeServer;
  /** The SDK's baseUrl: `${server.url}/v1`. */
  baseUrl: string;
  token: string;
  predictions: Map<string, FakePrediction>;
  /** The next prediction created ends "failed" with this error. */
  failNextPrediction(error: string): void;
  /** Replicate stops serving a model (owner/name, or the name alone: "flux-2-flex"): its endpoints answer 404 from now on. */
  retire(model: string): void;
  /** Serves a retired model again. */
  restore(model: string): void;
  /** Outputs of a model (or of all models) come back as one URL string or as a list from now on. */
  setOutputShape(shape: OutputShape, model?: string): void;
  requestsTo(method: string, pathPrefix: string): RecordedRequest[];
  /** owner/name of every create-prediction request received, in order (those answered 404 or 422 too). */
  modelsCalled(): string[];
  close(): Promise<void>;
}

const problem = (res: ServerResponse, status: number, title: string, detail: string) => json(res, status, { title, detail, status });
/** Replicate's answer for a resource it does not have (an unknown or removed model, an unknown prediction). */
const notFound = (res: ServerResponse) => json(res, 404, { detail: "The requested resource could not be found.", status: 404 });

/** The full owner/name of a model named by owner/name or by name alone. */
const fullName = (model: string) => (model.includes("/") ? model : `black-forest-labs/${model}`);

/** Width × height FLUX.2 makes for a ratio (w/h) at a pixel count: at most 2048 a side, multiples of 16. */
function flux2Pixels(ratio: number, pixels: number): [number, number] {
  let width = Math.sqrt(pixels * ratio);
  let height = width / ratio;
  const longest = Math.max(width, height);
  if (longest > 2048) [width, height] = [(width * 2048) / longest, (height * 2048) / longest];
  let w = Math.max(256, Math.round(width / 16) * 16);
  let h = Math.max(256, Math.round(height / 16) * 16);
  while (w * h > 4 * MEGAPIXEL) {
    if (w / h >= ratio) w -= 16;
    else h -= 16;
  }
  return [w, h];
}

async function dataUriSize(value: unknown): Promise<[number, number] | undefined> {
  if (typeof value !== "string" || !value.startsWith("data:")) return undefined;
  const meta = await sharp(Buffer.from(value.split(",")[1], "base64")).metadata();
  return [meta.width, meta.height];
}

/** Cross-field rules of FLUX.2's schema (and the fake's strictness about ignored fields). */
function flux2Problems(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const ratio = input.aspect_ratio ?? "1:1";
  const custom = ratio === "custom";
  if (custom && (input.width === undefined || input.height === undefined)) problems.push("width and height: required with aspect_ratio custom");
  if (!custom && (input.width !== undefined || input.height !== undefined)) problems.push("width/height: only used when aspect_ratio=custom");
  if (custom && input.resolution !== undefined) problems.push("resolution: not used when aspect_ratio is custom");
  const inputs = Array.isArray(input.input_images) ? input.input_images.length : 0;
  if ((ratio === "match_input_image" || input.resolution === "match_input_image") && !inputs) problems.push("match_input_image: needs input_images");
  return problems;
}

export async function startFakeReplicate(options: FakeReplicateOptions = {}): Promise<FakeReplicate> {
  const token = options.token ?? "r8_fake_token";
  const startingPolls = options.startingPolls ?? 1;
  const processingPolls = options.processingPolls ?? 2;
  const progressLogs = options.progressLogs ?? [
    " 50%|█████     | 14/28 [00:01<00:01,  9.10it/s]",
    "100%|██████████| 28/28 [00:03<00:00,  9.20it/s]",
  ];
  const predictions = new Map<string, FakePrediction>();
  const retired = new Set((options.retired ?? []).map(fullName));
  const shapes = new Map<string, OutputShape>();
  let shapeForAll: OutputShape | undefined;
  if (typeof options.outputShape === "string") shapeForAll = options.outputShape;
  else for (const [model, shape] of Object.entries(options.outputShape ?? {})) shapes.set(fullName(model), shape);
  let failNext: string | undefined;
  const served = (model: string) => Boolean(FAKE_REPLICATE_SCHEMAS[model]) && !retired.has(model);

  const authorized = (req: RecordedRequest, res: ServerResponse) => {
    if (req.headers.authorization === `Bearer ${token}`) return true;
    problem(res, 401, "Unauthenticated", "You did not pass a valid authentication token");
    return false;
  };
  const view = ({ polls: _p, failWith: _f, size: _s, ...prediction }: FakePrediction) => prediction;

  /** The size of the picture a prediction makes, from its input. */
  async function outputSize(model: string, input: Record<string, unknown>): Promise<[number, number]> {
    if (!isFlux2(model)) {
      // FLUX.1 dev image-to-image: "the aspect ratio of your output will match this image".
      return (await dataUriSize(input.image)) ?? FLUX1_PIXELS[String(input.aspect_ratio ?? "1:1")] ?? FLUX1_PIXELS["1:1"];
    }
    const ratio = String(input.aspect_ratio ?? "1:1");
    if (ratio === "custom") return [Math.round(Number(input.width) / 16) * 16, Math.round(Number(input.height) / 16) * 16];
    const first = await dataUriSize((input.input_images as unknown[] | undefined)?.[0]);
    const shape = ratio === "match_input_image" && first ? first[0] / first[1] : (([w, h]) => w / h)(ratio.split(":").map(Number));
    const resolution = String(input.resolution ?? "1 MP");
    const pixels =
      resolution === "match_input_image" && first ? Math.min(4, Math.max(0.5, (first[0] * first[1]) / MEGAPIXEL)) * MEGAPIXEL : (FLUX2_RESOLUTIONS[resolution] ?? 1) * MEGAPIXEL;
    return flux2Pixels(shape, pixels);
  }

  async function finish(prediction: FakePrediction, server: FakeServer) {
    prediction.completed_at = new Date().toISOString();
    prediction.metrics = { predict_time: 1.25 };
    if (prediction.failWith) {
      prediction.status = "failed";
      prediction.error = prediction.failWith;
      return;
    }
    const input = prediction.input;
    if (TOOL_SCHEMAS[prediction.model]) {
      const made = await toolOutput(prediction.model, input);
      if (typeof made === "string") {
        prediction.status = "failed";
        prediction.error = made;
        return;
      }
      const url = server.serveFile(`/delivery/${prediction.id}/out-0.png`, made, "image/png");
      prediction.status = "succeeded";
      prediction.output = (shapes.get(prediction.model) ?? shapeForAll ?? "string") === "string" ? url : [url];
      return;
    }
    const [width, height] = (prediction.size ??= await outputSize(prediction.model, input));
    const format = String(input.output_format ?? "webp");
    const count = isFlux2(prediction.model) ? 1 : Number(input.num_outputs ?? 1);
    const urls: string[] = [];
    for (let i = 0; i < count; i++) {
      const image = sharp({ create: { width, height, channels: 3, background: { r: 40 * i, g: 120, b: 200 } } });
      const data = format === "png" ? await image.png().toBuffer() : format === "jpg" ? await image.jpeg().toBuffer() : await image.webp().toBuffer();
      urls.push(server.serveFile(`/delivery/${prediction.id}/out-${i}.${format}`, data, format === "jpg" ? "image/jpeg" : `image/${format}`));
    }
    const shape = shapes.get(prediction.model) ?? shapeForAll ?? DEFAULT_SHAPE(prediction.model);
    if (shape === "string" && urls.length > 1) throw new Error(`fake: ${prediction.model} made ${urls.length} images but answers one URL`);
    prediction.status = "succeeded";
    prediction.output = shape === "string" ? urls[0] : urls;
  }

  const server = await startFake([
    [
      /^POST \/v1\/models\/[^/]+\/[^/]+\/predictions$/,
      async (req, res, fake) => {
        if (!authorized(req, res)) return;
        const model = req.path.split("/").slice(3, 5).join("/");
        if (!served(model)) return notFound(res);
        const schema = FAKE_REPLICATE_SCHEMAS[model];
        const body = req.json as { input?: Record<string, unknown>; webhook?: string } | undefined;
        const input = body?.input;
        if (!input || typeof input !== "object") return problem(res, 422, "Input validation failed", "input is required");
        const errors = Object.entries(input).map(([key, value]) => {
          const problemWith = schema[key] ? schema[key](value) : `is not an input of ${model}`;
          return problemWith && `${key}: ${problemWith}`;
        });
        if (TOOL_SCHEMAS[model]) errors.push(...toolRequired(model, input));
        else if (!("prompt" in input)) errors.push("prompt: is required");
        if (isFlux2(model)) errors.push(...flux2Problems(input));
        const invalid = errors.filter(Boolean);
        if (invalid.length) return problem(res, 422, "Input validation failed", invalid.join("; "));
        const id = randomBytes(13).toString("hex").slice(0, 26);
        const prediction: FakePrediction = {
          id, model, version: "hidden", input, status: "starting", output: null, error: null, logs: "",
          urls: { get: `${fake.url}/v1/predictions/${id}`, cancel: `${fake.url}/v1/predictions/${id}/cancel` },
          created_at: new Date().toISOString(), webhook: body?.webhook, polls: 0, failWith: failNext,
        };
        failNext = undefined;
        predictions.set(id, prediction);
        // Sync mode (`Prefer: wait[=n]`): the answer waits for the prediction (the fake's are quick enough).
        if (/\bwait\b/.test(String(req.headers.prefer ?? ""))) await finish(prediction, fake);
        json(res, 201, view(prediction));
      },
    ],
    [
      /^GET \/v1\/predictions\/[^/]+$/,
      async (req, res, fake) => {
        if (!authorized(req, res)) return;
        const prediction = predictions.get(req.path.split("/")[3]);
        if (!prediction) return notFound(res);
        if (prediction.status === "starting" || prediction.status === "processing") {
          prediction.polls += 1;
          const processed = prediction.polls - startingPolls;
          if (processed > processingPolls) await finish(prediction, fake);
          else if (processed > 0) {
            prediction.status = "processing";
            prediction.started_at ??= new Date().toISOString();
            const seedLine = prediction.input.seed === undefined ? ["Using seed: 4242"] : [];
            prediction.logs = [...seedLine, ...progressLogs.slice(0, processed)].join("\n");
          }
        }
        json(res, 200, view(prediction));
      },
    ],
    [
      /^POST \/v1\/predictions\/[^/]+\/cancel$/,
      (req, res) => {
        if (!authorized(req, res)) return;
        const prediction = predictions.get(req.path.split("/")[3]);
        if (!prediction) return notFound(res);
        if (prediction.status === "starting" || prediction.status === "processing") {
          prediction.status = "canceled";
          prediction.completed_at = new Date().toISOString();
        }
        json(res, 200, view(prediction));
      },
    ],
    [
      /^GET \/v1\/models\/[^/]+\/[^/]+$/,
      (req, res) => {
        if (!authorized(req, res)) return;
        const [owner, name] = req.path.split("/").slice(3, 5);
        if (!served(`${owner}/${name}`)) return notFound(res);
        json(res, 200, {
          url: `https://replicate.com/${owner}/${name}`, owner, name, description: `${name} (fake)`, visibility: "public",
          github_url: null, paper_url: null, license_url: null, run_count: 1000, cover_image_url: null, default_example: null, latest_version: null,
        });
      },
    ],
    [
      "GET /v1/account",
      (req, res) => {
        if (!authorized(req, res)) return;
        json(res, 200, { type: "user", username: "fake", name: "Fake Replicate user", github_url: "https://github.com/fake" });
      },
    ],
  ]);

  return {
    server,
    baseUrl: `${server.url}/v1`,
    token,
    predictions,
    failNextPrediction(error) {
      failNext = error;
    },
    retire(model) {
      retired.add(fullName(model));
    },
    restore(model) {
      retired.delete(fullName(model));
    },
    setOutputShape(shape, model) {
      if (model) shapes.set(fullName(model), shape);
      else {
        shapes.clear();
        shapeForAll = shape;
      }
    },
    requestsTo: (method, pathPrefix) => server.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)),
    modelsCalled: () =>
      server.requests.filter((r) => r.method === "POST" && /^\/v1\/models\/[^/]+\/[^/]+\/predictions$/.test(r.path)).map((r) => r.path.split("/").slice(3, 5).join("/")),
    close: () => server.close(),
  };
}

/** The built-in Replicate catalog (default slugs unless given), as the registry hands it to the adapter. */
export function replicateModels(slugs: Partial<Parameters<typeof replicateCatalog>[0]> = {}): ModelInfo[] {
  const config = {
    FLUX_2_PRO_MODEL_NAME: "black-forest-labs/flux-2-pro",
    FLUX_2_FLEX_MODEL_NAME: "black-forest-labs/flux-2-flex",
    FLUX_PRO_MODEL_NAME: "black-forest-labs/flux-1.1-pro",
    FLUX_DEV_MODEL_NAME: "black-forest-labs/flux-dev",
    FLUX_SCHNELL_MODEL_NAME: "black-forest-labs/flux-schnell",
    REPLICATE_UPSCALE_MODEL: "google/upscaler",
    REPLICATE_REMOVE_BACKGROUND_MODEL: "bria/remove-background",
    ...slugs,
  };
  return buildCatalog(replicateCatalog(config), []).map(({ provider: _provider, ...info }) => info as ModelInfo);
}

/** The input images a prediction received (`input_images`, or FLUX.1's `image`), decoded in order. */
export async function receivedImages(prediction: FakePrediction): Promise<ReceivedImage[]> {
  const list = Array.isArray(prediction.input.input_images) ? (prediction.input.input_images as string[]) : prediction.input.image ? [prediction.input.image as string] : [];
  return Promise.all(
    list.map((uri) => {
      const match = /^data:([^;]+);base64,(.*)$/s.exec(uri);
      if (!match) throw new Error(`not a data URI: ${uri.slice(0, 40)}`);
      return describeImage("input_images", Buffer.from(match[2], "base64"), match[1]);
    }),
  );
}
