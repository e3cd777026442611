import type { Metadata } from "next";
import type { TrashedImage } from "@/components/api/gallery";
import { TrashView } from "@/components/trash/trash-view";
import { baseUrlOf } from "@/lib/api/route";
import { pageRequest, requirePageUser } from "@/lib/auth/page-user";
import { listTrash } from "@/lib/images";

export const metadata: Metadata = { title: "Trash" };

// The trash: images moved there, newest deleted first, each with the days it has left; restore or delete for good.
export default async function TrashPage() {
  const user = await requirePageUser("/trash");
  const page = await listTrash({ user, limit: 100, baseUrl: baseUrlOf(await pageRequest("/trash")) });
  return <TrashView initial={{ items: page.items as TrashedImage[], nextCursor: page.nextCursor }} />;
}
