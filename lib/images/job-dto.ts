import "server-only";
import { z } from "zod";
import type { JobPresenter } from "@/lib/jobs/presenter";
import type { JobRow, JobStatus } from "@/lib/jobs/repository";
import { sharp } from "@/lib/processing/sharp";
import { toImageDto } from "./dto";
import type { JobDto } from "./dto-types";
import { findImage, imagesOfJob } from "./repositories/images";

/** A job's results as shown: those in the trash are not. */
export const jobImages = imagesOfJob;

// The job record is defined beside the image records (./dto-types.ts), where the browser reads it too.
export type { JobDto, JobErrorDto } from "./dto-types";

export async function toJobDto(job: JobRow, baseUrl: string): Promise<JobDto> {
  const images = await jobImages(job.id);
  return {
    id: job.id,
    type: job.type,
    status: job.status as JobStatus,
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

/** The one field of a job's input (JSON) read here: its planned model migration, an object when there is one. */
const plannedMigration = z.object({ modelMigration: z.record(z.string(), z.unknown()) });

/** The migration the images record (the worker may have learned of a retirement), else the one planned at acceptance. */
export function migrationOf(job: Pick<JobRow, "input">, images: Array<{ params: unknown }>): Migration | null {
  const fromImage = images.map((i) => (i.params as { modelMigration?: Migration } | null)?.modelMigration).find(Boolean);
  if (fromImage) return fromImage;
  const planned = plannedMigration.safeParse(job.input);
  return planned.success ? planned.data.modelMigration : null;
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
