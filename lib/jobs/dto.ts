import "server-only";
import { toImageDto, type ImageDto } from "@/lib/images/dto";
import { jobImages, type JobRow } from "./repository";

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
