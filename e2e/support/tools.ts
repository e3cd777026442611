// Shared by the image-page specs (tools, creative, credentials): pictures made through the API, read back as JSON or
// pixels, and the image page opened with its Tools card.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { ImagePage } from "../pages/image";

export const tag = `tools-${Date.now().toString(36)}`;

/** A local-renderer picture made through the API (Prefer: wait); answers its id. */
export async function generate(request: APIRequestContext, prompt: string, size = { width: 320, height: 240 }, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request.post("/api/v1/generations", { headers: { Prefer: "wait" }, data: { prompt: `${prompt} ${tag}`, provider: "local", ...size, ...extra } });
  const text = await res.text();
  expect(res.status(), text).toBe(201);
  return JSON.parse(text).images[0].id as string;
}

/** A tool run through the API (Prefer: wait); answers the result's id. */
export async function runTool(request: APIRequestContext, id: string, tool: "upscale" | "remove-background" | "expand", body: Record<string, unknown>): Promise<string> {
  const res = await request.post(`/api/v1/images/${id}/${tool}`, { headers: { Prefer: "wait" }, data: body });
  const text = await res.text();
  expect(res.status(), text).toBe(201);
  return JSON.parse(text).images[0].id as string;
}

export async function imageJson(request: APIRequestContext, id: string) {
  const res = await request.get(`/api/v1/images/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    id: string;
    width: number;
    height: number;
    hasAlpha: boolean;
    format: string;
    parentId: string | null;
    parents?: { id: string; role: string }[];
    operation: { type: string } | null;
    params?: Record<string, unknown>;
    notices?: string[];
  };
}

/** The image's original pixels, RGBA. */
export async function pixels(request: APIRequestContext, id: string, region?: { left: number; top: number; width: number; height: number }) {
  const res = await request.get(`/api/v1/images/${id}/file`);
  expect(res.status()).toBe(200);
  let image = sharp(await res.body()).ensureAlpha();
  if (region) image = image.extract(region);
  return image.raw().toBuffer({ resolveWithObject: true });
}

/** The image page opened at `id`, its picture decoded; answers it and its Tools and Create cards. */
export async function openImage(page: Page, id: string) {
  const image = new ImagePage(page);
  await image.goto(id);
  await image.expectPreviewLoaded();
  return { image, tools: image.tools, creative: image.creative };
}
