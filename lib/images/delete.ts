import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { findOwnedImage } from "./repositories/images";
import { countChildren } from "./repositories/lineage";
import { restoreOne } from "./repositories/trash";
import { purgeImages, trashImages } from "./trash";

export interface DeleteImageOptions {
  user: CurrentUser;
  imageId: string;
  /** Delete for good (rows and files) instead of moving to the trash. */
  purge?: boolean;
}

/**
 * Moves an image to the trash (its files, lineage and collections stay until it is restored or purged), or with
 * `purge` deletes it for good: the row goes first (the images made from it keep living, without this parent), then the
 * files; a failure in between leaves at worst an unreferenced file (the orphan sweep's), never a row pointing at a
 * missing one. `orphanedChildren`: the images made from it that lose their parent (0 when trashed).
 */
export async function deleteImage({ user, imageId, purge = false }: DeleteImageOptions): Promise<{ orphanedChildren: number }> {
  const image = await findOwnedImage(user.id, imageId);
  if (!purge) {
    await trashImages(user, [image.id]);
    return { orphanedChildren: 0 };
  }
  const orphanedChildren = await countChildren(user.id, image.id);
  await purgeImages({ ownerId: user.id, id: image.id });
  return { orphanedChildren };
}

/** Takes an image out of the trash, with its lineage and collections; one not in the trash is answered as it is. */
export async function restoreImage({ user, imageId }: { user: CurrentUser; imageId: string }): Promise<void> {
  const image = await findOwnedImage(user.id, imageId);
  if (image.deletedAt) await restoreOne(user.id, image.id);
}
