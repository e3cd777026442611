/**
 * A gallery of N images for the UI benchmark: ~20 distinct pictures stored through the real ImageService
 * (`storeImage`/`uploadImage`: real originals, previews, thumbnails and ThumbHash placeholders) — half crops of the
 * synthetic 12 MP photo (photographic detail: the heaviest thumbnails), half local-renderer posters with prompts —
 * then rows copied in SQL (sharing those files) up to N, with distinct prompts, spread over 100 days.
 */
import path from "node:path";
import Database from "better-sqlite3";
import sharp from "sharp";
import type { GenerateRequest, ProviderContext } from "@/lib/providers/types";
import { photoJpeg } from "./photo";
import type { Studio } from "./studio";

const subjects = [
  "a lighthouse on a cliff at dusk",
  "a red fox in fresh snow",
  "a paper boat on a quiet pond",
  "a neon city street in the rain",
  "a bowl of lemons on a blue table",
  "a mountain lake at sunrise",
  "abstract shapes in teal and orange",
  "a hot air balloon over green hills",
  "a desert road under a starry sky",
  "a cosy reading corner with plants",
];

export interface SeedResult {
  distinct: number;
  total: number;
  /** Bytes of the distinct pictures' thumbnails, as stored. */
  thumbnailBytes: number[];
  seedMs: number;
}

export async function seedGallery(studio: Studio, total: number): Promise<SeedResult> {
  const started = performance.now();
  const { images, user, baseUrl, db } = studio;
  const templates: string[] = [];

  // Photographs: ten different 1600×1200 crops of the 12 MP photo, some flipped or tinted, uploaded as JPEGs.
  const photo = (await photoJpeg()).bytes;
  for (let i = 0; i < 10; i++) {
    let crop = sharp(photo).extract({ left: (i % 5) * 560, top: Math.floor(i / 5) * 1500 + (i % 3) * 100, width: 1600, height: 1200 });
    if (i % 2) crop = crop.flop();
    if (i % 3 === 1) crop = crop.modulate({ hue: i * 33, saturation: 1.2 });
    const bytes = await crop.jpeg({ quality: 88 }).toBuffer();
    const image = await images.uploadImage({ user, bytes, fileName: `photo-${i + 1}.jpg`, baseUrl });
    templates.push(image.id);
  }

  // Posters of the local renderer, stored as a generation stores them (kind, prompt, provider, model, seed).
  const { LocalProvider } = await import("@/lib/providers/local");
  const local = new LocalProvider();
  const context = { signal: new AbortController().signal, fetchResult: async () => ({ data: Buffer.alloc(0), mimeType: null }) } as ProviderContext;
  for (const [i, prompt] of subjects.entries()) {
    const request: GenerateRequest = { prompt, model: "local-v1", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, seed: 1000 + i };
    const [made] = (await local.generate(request, context)).images;
    const row = await images.storeImage({
      ownerId: user.id,
      kind: "generated",
      data: made.data,
      format: "png",
      width: 1024,
      height: 1024,
      hasAlpha: false,
      fields: { prompt, effectivePrompt: prompt, provider: "local", model: "local-v1", seed: request.seed, costMicroUsd: 0 },
    });
    templates.push(row.id);
  }

  const thumbnails = await db().imageRendition.findMany({ where: { imageId: { in: templates }, variant: "thumbnail" }, select: { bytes: true } });
  // The service's connection lets go of the file before the bulk insert.
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  cloneRows(path.join(studio.dataDir, "studio.db"), templates, total - templates.length);
  return { distinct: templates.length, total, thumbnailBytes: thumbnails.map((t) => t.bytes), seedMs: performance.now() - started };
}

const sqliteTime = (at: Date) => at.toISOString().replace("Z", "+00:00");

/** Copies the templates round-robin `count` times (renditions too), older than the templates, newest first by index. */
function cloneRows(file: string, templateIds: string[], count: number) {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    const read = sqlite.prepare(`SELECT * FROM "Image" WHERE id = ?`);
    const readRenditions = sqlite.prepare(`SELECT * FROM "ImageRendition" WHERE "imageId" = ?`);
    const templates = templateIds.map((id) => ({ row: read.get(id) as Record<string, unknown>, renditions: readRenditions.all(id) as Record<string, unknown>[] }));
    const columns = Object.keys(templates[0].row);
    const renditionColumns = Object.keys(templates[0].renditions[0]);
    const insert = sqlite.prepare(`INSERT INTO "Image" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
    const insertRendition = sqlite.prepare(
      `INSERT INTO "ImageRendition" (${renditionColumns.map((c) => `"${c}"`).join(", ")}) VALUES (${renditionColumns.map(() => "?").join(", ")})`,
    );
    const newest = Date.now() - 60_000;
    const span = 100 * 24 * 3600 * 1000;
    sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        const template = templates[i % templates.length];
        const id = `img_bench${String(i).padStart(7, "0")}`;
        const base = (template.row.prompt as string | null) ?? (template.row.originalName as string | null) ?? "photo";
        const prompt = template.row.prompt ? `${base}, take ${i + 1}` : null;
        const row: Record<string, unknown> = {
          ...template.row,
          id,
          prompt,
          effectivePrompt: prompt,
          originalName: template.row.originalName ? `photo-${i + 1}.jpg` : null,
          searchText: (prompt ?? `photo-${i + 1}.jpg`).toLowerCase(),
          jobId: null,
          createdAt: sqliteTime(new Date(newest - Math.round((i / count) * span))),
        };
        insert.run(columns.map((c) => row[c] ?? null));
        template.renditions.forEach((r, n) => {
          const copy: Record<string, unknown> = { ...r, id: `rnd_bench${String(i).padStart(7, "0")}_${n}`, imageId: id };
          insertRendition.run(renditionColumns.map((c) => copy[c] ?? null));
        });
      }
    })();
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.pragma("journal_mode = DELETE");
  } finally {
    sqlite.close();
  }
}
