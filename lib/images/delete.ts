import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { findOwnedImageWithRenditions } from "./repository";
import { removeFiles } from "./store";

export interface DeleteImageOptions {
  user: CurrentUser;
  imageId: string;
}

/**
 * Deletes an image and all its files. The row goes first (its children keep living, their parent becomes
 * null), then the files: a failure in between leaves at worst an unreferenced file, never a row pointing at
 * a missing one.
 */
export async function deleteImage({ user, imageId }: DeleteImageOptions): Promise<{ orphanedChildren: number }> {
  const image = await findOwnedImageWithRenditions(user.id, imageId);
  const orphanedChildren = await db().image.count({ where: { parentId: image.id, ownerId: user.id } });
  await db().image.delete({ where: { id: image.id } });
  await removeFiles([image.storageKey, ...image.renditions.map((r) => r.storageKey)]);
  return { orphanedChildren };
}
