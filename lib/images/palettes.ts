import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { decodeCursor, pageOf } from "@/lib/db-cursor";
import type { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { OutputFormat } from "@/lib/processing";
import { paletteCss, paletteJson, paletteSlug, paletteSwatchPng, paletteTailwind } from "@/lib/processing/palette-export";
import { describeColor, extractPalettes, type PaletteColor, type PaletteType } from "@/lib/processing/palette-extract";
import { recolorImage } from "@/lib/processing/recolor";
import { storage } from "@/lib/storage";
import { toImageDto, type ImageDto } from "./dto";
import type { PaletteDto } from "./dto-types";
import { inputLimits } from "./limits";
import { processingTimeoutSeconds, withProcessingSlot } from "./processing-limits";
import type { ApplyPaletteBody } from "./palette-schema";
import { deletePaletteRow, findOwnedPaletteRow, findPaletteColors, imagePaletteRows, insertPalette, listPaletteRows, type PaletteRow } from "./repositories/palettes";
import { findLiveOwnedImage, findOwnedImage, findOwnedImageWithRenditions } from "./repositories/images";
import { firstFrameNotice } from "./first-frame";
import { storeProcessedChild } from "./process";

export function toPaletteDto(row: PaletteRow): PaletteDto {
  return { id: row.id, imageId: row.imageId, name: row.name, type: row.type as PaletteDto["type"], colors: row.colors as unknown as PaletteColor[], createdAt: row.createdAt.toISOString() };
}

const typeLabel: Record<PaletteType, string> = { dominant: "Dominant", vibrant: "Vibrant", muted: "Muted" };

/**
 * Palettes of an image, one per type, extracted from one decode. Extraction is deterministic, so a palette already taken with the same
 * type and count is returned as it is rather than stored twice.
 */
export async function extractImagePalettes(options: { user: CurrentUser; imageId: string; types: readonly PaletteType[]; numColors: number; name?: string }): Promise<PaletteDto[]> {
  const image = await findOwnedImageWithRenditions(options.user.id, options.imageId);
  const existing = await imagePaletteRows(options.user.id, image.id, { numColors: options.numColors, types: options.types });
  const missing = options.types.filter((t) => !existing.some((p) => p.type === t));
  const created: PaletteRow[] = [];
  if (missing.length) {
    // The original's exact colours, unless decoding it costs much more than sampling needs: a large PNG/WebP/AVIF
    // (JPEG shrinks on load) is read from its preview, whose lossy encoding moves colours by a unit or two.
    const preview = image.renditions.find((r) => r.variant === "preview");
    const large = image.format !== "jpeg" && image.width * image.height > 4_000_000;
    const bytes = await storage().get(large && preview ? preview.storageKey : image.storageKey);
    const palettes = await extractPalettes(bytes, missing, options.numColors, inputLimits());
    const subject = image.originalName ?? (image.prompt ? excerpt(image.prompt) : image.id);
    for (const type of missing) {
      created.push(
        await insertPalette({
          id: newId("pal"),
          ownerId: options.user.id,
          imageId: image.id,
          name: options.name && options.types.length === 1 ? options.name : `${typeLabel[type]} · ${subject}`,
          type,
          numColors: options.numColors,
          colors: palettes[type] as unknown as Prisma.InputJsonValue,
        }),
      );
    }
  }
  const all = [...existing, ...created];
  return options.types.map((t) => toPaletteDto(all.find((p) => p.type === t)!));
}

export async function listImagePalettes(options: { user: CurrentUser; imageId: string }): Promise<PaletteDto[]> {
  const image = await findOwnedImage(options.user.id, options.imageId);
  const rows = await imagePaletteRows(options.user.id, image.id);
  return rows.map(toPaletteDto);
}

/** The user's palettes, newest first (keyset pagination), optionally of one type. */
export async function listPalettes(options: { user: CurrentUser; limit: number; cursor?: string; type?: string }) {
  const rows = await listPaletteRows(options.user.id, { type: options.type, after: options.cursor ? decodeCursor(options.cursor) : undefined, take: options.limit + 1 });
  const { page, nextCursor } = pageOf(rows, options.limit);
  return { items: page.map(toPaletteDto), nextCursor };
}

async function findOwnedPalette(ownerId: string, id: string): Promise<PaletteRow> {
  const row = await findOwnedPaletteRow(ownerId, id);
  if (!row) throw new AppError("not_found", `Palette ${id} not found`);
  return row;
}

export async function getPalette(options: { user: CurrentUser; paletteId: string }): Promise<PaletteDto> {
  return toPaletteDto(await findOwnedPalette(options.user.id, options.paletteId));
}

export async function deletePalette(options: { user: CurrentUser; paletteId: string }): Promise<void> {
  const row = await findOwnedPalette(options.user.id, options.paletteId);
  await deletePaletteRow(row.id);
}

/** A palette given by hand: each colour described (rgb, hsv, name), no proportions. */
export async function createCustomPalette(options: { user: CurrentUser; name: string; colors: string[] }): Promise<PaletteDto> {
  const row = await insertPalette({
    id: newId("pal"),
    ownerId: options.user.id,
    name: options.name,
    type: "custom",
    numColors: options.colors.length,
    colors: options.colors.map(describeColor) as unknown as Prisma.InputJsonValue,
  });
  return toPaletteDto(row);
}

/**
 * The hex colours of one of the user's palettes, for a request body that names it (generation, apply-palette):
 * an unknown id there is a bad field (400), not a missing resource.
 */
export async function paletteColors(ownerId: string, paletteId: string, field = "paletteId"): Promise<string[]> {
  const row = await findPaletteColors(ownerId, paletteId);
  if (!row) {
    throw new AppError("invalid_request", `${field} ${paletteId} is not one of your palettes`, { details: [{ path: [field], message: "not found" }] });
  }
  return (row.colors as unknown as PaletteColor[]).map((c) => c.hex);
}

/** A palette as a file: CSS custom properties, a Tailwind theme snippet, JSON or a PNG swatch strip. */
export async function exportPalette(options: { user: CurrentUser; paletteId: string; format: "css" | "tailwind" | "json" | "png" }) {
  const palette = toPaletteDto(await findOwnedPalette(options.user.id, options.paletteId));
  const base = paletteSlug(palette.name) || palette.id;
  switch (options.format) {
    case "css":
      return { body: paletteCss(palette.name, palette.colors), contentType: "text/css; charset=utf-8", filename: `${base}.css` };
    case "tailwind":
      return { body: paletteTailwind(palette.name, palette.colors), contentType: "text/css; charset=utf-8", filename: `${base}.tailwind.css` };
    case "json":
      return { body: paletteJson(palette.name, palette.colors), contentType: "application/json; charset=utf-8", filename: `${base}.json` };
    case "png":
      return { body: await paletteSwatchPng(palette.colors), contentType: "image/png", filename: `${base}.png` };
  }
}

/**
 * Recolours an image toward a palette (a stored one, or colours given inline): a new `processed` image whose
 * parent is the source, with the palette and strength recorded. Strength 0 leaves the pixels as they are.
 */
export async function applyPalette(options: { user: CurrentUser; imageId: string; body: ApplyPaletteBody; baseUrl: string }): Promise<ImageDto> {
  const { body } = options;
  const source = await findLiveOwnedImage(options.user.id, options.imageId);
  const colors = body.colors ?? (await paletteColors(options.user.id, body.paletteId!));
  // An animation is recoloured from its first frame (the result is a still: a GIF source gives a PNG), and says so.
  const format = body.format ?? (source.format === "gif" ? "png" : (source.format as OutputFormat));
  const notices = source.frames > 1 ? [firstFrameNotice(source.frames, "the palette")] : undefined;
  // Work: the decode, the nearest-colour search per pixel (a few taps per palette colour), the encode.
  const work = source.width * source.height * (2 + 4 * colors.length);
  let original: Buffer | undefined; // read once: the recolour's input, then the manifest's parent ingredient
  const result = await withProcessingSlot(work, async () =>
    recolorImage((original = await storage().get(source.storageKey)), colors, body.strength, {
      ...inputLimits(),
      hasAlpha: source.hasAlpha,
      output: { format, quality: body.quality },
      timeoutSeconds: processingTimeoutSeconds(),
    }),
  );
  const params = { ...(body.paletteId ? { paletteId: body.paletteId } : {}), colors, strength: body.strength };
  const row = await storeProcessedChild(source, result, format, "apply-palette", params, notices, original);
  return toImageDto(row, options.baseUrl);
}

const excerpt = (text: string) => (text.length > 40 ? `${text.slice(0, 39).trimEnd()}…` : text);
