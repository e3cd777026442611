import "server-only";
import type { JobPresenter } from "@/lib/jobs/presenter";
import type { JobRow } from "@/lib/jobs/repository";
import { sharp } from "@/lib/processing/sharp";
import { toImageDto, type ImageDto } from "./dto";
import { findImage, imagesOfJob } from "./repositories/images";

/** A job's results as shown: those in the trash are not. */
export const jobImages = imagesOfJob;

/** A job as the API shows it (docs/api.md "Generation"). */
export interface JobDto {
  id: string;
  type: string;
  status: string;
  progress: number;
  provider: string | null;
  model: string | null;
  images: ImageDto[];
  error: { code: string; message: string } | null;
  costUsd: number | null;
  /**
   * The model asked for was retired and its successor served (or will serve): {provider, requested, served,
   * reason: "retired", retiredOn?}. Each image's params.modelMigration records the same.
   */
  modelMigration: Record<string, unknown> | null;
  /** What was reserved of the daily budget while the job runs. */
  reservedUsd: number;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export async function toJobDto(job: JobRow, baseUrl: string): Promise<JobDto> {
  const images = await jobImages(job.id);
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress: job.progress,
    provider: job.provider,
    model: job.model,
    images: images.map((i) => toImageDto(i, baseUrl)),
    error: (job.error as JobDto["error"]) ?? null,
    costUsd: job.costMicroUsd === null ? null : job.costMicroUsd / 1_000_000,
    modelMigration: migrationOf(job, images),
    reservedUsd: job.reservedMicroUsd / 1_000_000,
    attempts: job.attempts,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

type Migration = Record<string, unknown>;

/** The migration the images record (the worker may have learned of a retirement), else the one planned at acceptance. */
function migrationOf(job: JobRow, images: Array<{ params: unknown }>): Migration | null {
  const fromImage = images.map((i) => (i.params as { modelMigration?: Migration } | null)?.modelMigration).find(Boolean);
  return fromImage ?? (job.input as { modelMigration?: Migration } | null)?.modelMigration ?? null;
}

const partialImageSize = 256;

/** A partial image small enough to live in an event: ≤ 256 px WebP, as a data URL. */
async function previewDataUrl(image: Buffer): Promise<string> {
  const webp = await sharp(image, { limitInputPixels: 4096 * 4096, pages: 1 })
    .resize(partialImageSize, partialImageSize, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 60 })
    .toBuffer();
  return `data:image/webp;base64,${webp.toString("base64")}`;
}

/** How the job machinery shows jobs (its event log, webhooks): lib/jobs/presenter.ts, wired in ./worker.ts. */
export const jobPresenter: JobPresenter = {
  job: toJobDto,
  async image(imageId) {
    const image = await findImage(imageId);
    return image && toImageDto(image, "");
  },
  preview: previewDataUrl,
};
