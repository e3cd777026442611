import { removeFromCollection } from "@/components/api/collections";
import type { GalleryImage } from "@/components/api/gallery";

/**
 * Takes images off one collection (a board), in the shape `moveToCollection` answers: what left, what failed.
 * The request is all or nothing, so a failure fails every image of it.
 */
export async function takeOffCollection(collectionId: string, ids: string[]): Promise<{ moved: Array<Pick<GalleryImage, "id">>; failed: Array<{ id: string; error: Error }> }> {
  try {
    await removeFromCollection(collectionId, ids);
    return { moved: ids.map((id) => ({ id })), failed: [] };
  } catch (error) {
    return { moved: [], failed: ids.map((id) => ({ id, error: error as Error })) };
  }
}
