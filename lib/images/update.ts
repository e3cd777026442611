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
  /** Star (true) or unstar (false) the image. */
  favorite?: boolean;
  baseUrl: string;
}

/** Changes what the owner may change of an image: its collection and its star. Fields left out stay as they are. */
export async function updateImage({ user, imageId, collectionId, favorite, baseUrl }: UpdateImageOptions) {
  const image = await findOwnedImage(user.id, imageId);
  if (collectionId) await assertOwnedCollection(user.id, collectionId);
  const data = {
    ...(collectionId !== undefined ? { collectionId } : {}),
    ...(favorite !== undefined ? { favorite } : {}),
  };
  const row = Object.keys(data).length ? await db().image.update({ where: { id: image.id }, data }) : image;
  return toImageDto(row, baseUrl);
}
