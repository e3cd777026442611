import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { toImageDto } from "./dto";
import { assertOwnedCollection, findOwnedImage } from "./repository";

export interface UpdateImageOptions {
  user: CurrentUser;
  imageId: string;
  /** A collection id to join, or null to leave the current one. */
  collectionId?: string | null;
  baseUrl: string;
}

export async function updateImage({ user, imageId, collectionId, baseUrl }: UpdateImageOptions) {
  const image = await findOwnedImage(user.id, imageId);
  if (collectionId) await assertOwnedCollection(user.id, collectionId);
  const row =
    collectionId === undefined ? image : await db().image.update({ where: { id: image.id }, data: { collectionId } });
  return toImageDto(row, baseUrl);
}
