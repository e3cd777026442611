import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { setImageCollection } from "./collections";
import { toImageDto } from "./dto";
import { assertOwnedCollection } from "./repositories/collections";
import { findOwnedImage, updateImageFields } from "./repositories/images";

export interface UpdateImageOptions {
  user: CurrentUser;
  imageId: string;
  /** A collection id to join (its other collections stay), or null to leave every collection. */
  collectionId?: string | null;
  /** Star (true) or unstar (false) the image. */
  favorite?: boolean;
  /** A rating of 1–5, or null to clear it. */
  rating?: number | null;
  baseUrl: string;
}

/** Changes what the owner may change of an image: its collection, its star and its rating. Fields left out stay as they are. */
export async function updateImage({ user, imageId, collectionId, favorite, rating, baseUrl }: UpdateImageOptions) {
  const image = await findOwnedImage(user.id, imageId);
  if (collectionId) await assertOwnedCollection(user.id, collectionId);
  const data = {
    ...(favorite !== undefined ? { favorite } : {}),
    ...(rating !== undefined ? { rating } : {}),
  };
  if (collectionId !== undefined) await setImageCollection(image.id, collectionId);
  const row = Object.keys(data).length
    ? await updateImageFields(image.id, data)
    : collectionId !== undefined
      ? await findOwnedImage(user.id, image.id)
      : image;
  return toImageDto(row, baseUrl);
}
