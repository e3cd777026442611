// A fake of Replicate's HTTP API (https://replicate.com/docs/reference/http) for the Flux official models:
// create a prediction (POST /v1/models/{owner}/{name}/predictions), poll it (GET /v1/predictions/{id}), cancel
// it, and GET /v1/account. Inputs are checked against each model's documented schema
// (https://replicate.com/black-forest-labs/flux-1.1-pro/api/schema, …/flux-dev/…, …/flux-schnell/…); unlike the
// real service, unknown input fields are refused too, so an adapter sending a wrong field fails loudly.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import sharp from "sharp";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";

const PIXELS: Record<string, [number, number]> = {
  "1:1": [1024, 1024], "16:9": [1344, 768], "21:9": [1536, 640], "3:2": [1216, 832], "2:3": [832, 1216],
  "4:5": [896, 1088], "5:4": [1088, 896], "3:4": [896, 1152], "4:3": [1152, 896], "9:16": [768, 1344], "9:21": [640, 1536],
};
const PRO_RATIOS = ["custom", "1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3"];
const OPEN_RATIOS = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"];

type Rule = (value: unknown) => string | null;
const oneOf = (values: string[]): Rule => (v) => (typeof v === "string" && values.includes(v) ? null : `must be one of ${values.join(", ")}`);
const int = (min: number, max: number): Rule => (v) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be an integer ${min}–${max}`);
const num = (min: number, max: number): Rule => (v) => (typeof v === "number" && v >= min && v <= max ? null : `must be a number ${min}–${max}`);
const bool: Rule = (v) => (typeof v === "boolean" ? null : "must be a boolean");
const text: Rule = (v) => (typeof v === "string" && v.trim() ? null : "is required");
const uri: Rule = (v) => (typeof v === "string" && /^(data:image\/[\w.+-]+;base64,|https?:\/\/)/.test(v) ? null : "must be a URI");
const anyInt: Rule = (v) => (Number.isInteger(v) ? null : "must be an integer");

const common = { prompt: text, seed: anyInt, output_format: oneOf(["webp", "jpg", "png"]), output_quality: int(0, 100) };
const openWeights = { ...common, aspect_ratio: oneOf(OPEN_RATIOS), num_outputs: int(1, 4), go_fast: bool, megapixels: oneOf(["1", "0.25"]), disable_safety_checker: bool };
/** Input schemas of the official models, keyed by owner/name. */
export const FAKE_REPLICATE_SCHEMAS: Record<string, Record<string, Rule>> = {
  "black-forest-labs/flux-1.1-pro": { ...common, aspect_ratio: oneOf(PRO_RATIOS), width: int(256, 1440), height: int(256, 1440), safety_tolerance: int(1, 6), prompt_upsampling: bool },
  "black-forest-labs/flux-dev": { ...openWeights, image: uri, prompt_strength: num(0, 1), guidance: num(0, 10), num_inference_steps: int(1, 50) },
  "black-forest-labs/flux-schnell": { ...openWeights, num_inference_steps: int(1, 4) },
};

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
}

export interface FakeReplicateOptions {
  token?: string;
  /** Polls answered "starting" before "processing" (default 1). */
  startingPolls?: number;
  /** Polls answered "processing" before the end (default 2); the logs grow by one line of `progressLogs` each. */
  processingPolls?: number;
  progressLogs?: string[];
}

export interface FakeReplicate {
  server: FakeServer;
  /** The SDK's baseUrl: `${server.url}/v1`. */
  baseUrl: string;
  token: string;
  predictions: Map<string, FakePrediction>;
  /** The next prediction created ends "failed" with this error. */
  failNextPrediction(error: string): void;
  requestsTo(method: string, pathPrefix: string): RecordedRequest[];
  close(): Promise<void>;
}

const problem = (res: ServerResponse, status: number, title: string, detail: string) => json(res, status, { title, detail, status });

export async function startFakeReplicate(options: FakeReplicateOptions = {}): Promise<FakeReplicate> {
  const token = options.token ?? "r8_fake_token";
  const startingPolls = options.startingPolls ?? 1;
  const processingPolls = options.processingPolls ?? 2;
  const progressLogs = options.progressLogs ?? [
    " 50%|█████     | 14/28 [00:01<00:01,  9.10it/s]",
    "100%|██████████| 28/28 [00:03<00:00,  9.20it/s]",
  ];
  const predictions = new Map<string, FakePrediction>();
  let failNext: string | undefined;

  const authorized = (req: RecordedRequest, res: ServerResponse) => {
    if (req.headers.authorization === `Bearer ${token}`) return true;
    problem(res, 401, "Unauthenticated", "You did not pass a valid authentication token");
    return false;
  };
  const view = ({ polls: _p, failWith: _f, ...prediction }: FakePrediction) => prediction;

  async function finish(prediction: FakePrediction, server: FakeServer) {
    prediction.completed_at = new Date().toISOString();
    prediction.metrics = { predict_time: 1.25 };
    if (prediction.failWith) {
      prediction.status = "failed";
      prediction.error = prediction.failWith;
      return;
    }
    const input = prediction.input;
    let [width, height] = PIXELS[String(input.aspect_ratio ?? "1:1")] ?? PIXELS["1:1"];
    if (typeof input.image === "string" && input.image.startsWith("data:")) {
      // Image-to-image: "the aspect ratio of your output will match this image".
      const meta = await sharp(Buffer.from(input.image.split(",")[1], "base64")).metadata();
      [width, height] = [meta.width, meta.height];
    }
    const format = String(input.output_format ?? "webp");
    const count = prediction.model.endsWith("flux-1.1-pro") ? 1 : Number(input.num_outputs ?? 1);
    const urls: string[] = [];
    for (let i = 0; i < count; i++) {
      const image = sharp({ create: { width, height, channels: 3, background: { r: 40 * i, g: 120, b: 200 } } });
      const data = format === "png" ? await image.png().toBuffer() : format === "jpg" ? await image.jpeg().toBuffer() : await image.webp().toBuffer();
      urls.push(server.serveFile(`/delivery/${prediction.id}/out-${i}.${format}`, data, format === "jpg" ? "image/jpeg" : `image/${format}`));
    }
    prediction.status = "succeeded";
    prediction.output = prediction.model.endsWith("flux-1.1-pro") ? urls[0] : urls;
  }

  const server = await startFake([
    [
      /^POST \/v1\/models\/[^/]+\/[^/]+\/predictions$/,
      (req, res, fake) => {
        if (!authorized(req, res)) return;
        const model = req.path.split("/").slice(3, 5).join("/");
        const schema = FAKE_REPLICATE_SCHEMAS[model];
        if (!schema) return problem(res, 404, "Not found", "The requested resource could not be found.");
        const body = req.json as { input?: Record<string, unknown>; webhook?: string } | undefined;
        const input = body?.input;
        if (!input || typeof input !== "object") return problem(res, 422, "Input validation failed", "input is required");
        const errors = Object.entries(input).map(([key, value]) => {
          const problemWith = schema[key] ? schema[key](value) : `is not an input of ${model}`;
          return problemWith && `${key}: ${problemWith}`;
        });
        if (!("prompt" in input)) errors.push("prompt: is required");
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
        json(res, 201, view(prediction));
      },
    ],
    [
      /^GET \/v1\/predictions\/[^/]+$/,
      async (req, res, fake) => {
        if (!authorized(req, res)) return;
        const prediction = predictions.get(req.path.split("/")[3]);
        if (!prediction) return problem(res, 404, "Not found", "The requested resource could not be found.");
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
        if (!prediction) return problem(res, 404, "Not found", "The requested resource could not be found.");
        if (prediction.status === "starting" || prediction.status === "processing") {
          prediction.status = "canceled";
          prediction.completed_at = new Date().toISOString();
        }
        json(res, 200, view(prediction));
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
    requestsTo: (method, pathPrefix) => server.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)),
    close: () => server.close(),
  };
}
