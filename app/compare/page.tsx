import type { Metadata } from "next";
import { CompareView } from "@/components/compare/compare-view";
import { requirePageUser } from "@/lib/auth/page-user";

export const metadata: Metadata = { title: "Compare" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").slice(0, 100);
const imageId = (v: string) => (/^[\w-]+$/.test(v) ? v : "");

// One prompt, several providers side by side. `?image=<id>` also shows that image against its parent,
// `?before=<id>&image=<id>` any two images.
export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("/compare");
  const params = await searchParams;
  const image = imageId(one(params.image) || one(params.after));
  const before = imageId(one(params.before));
  return <CompareView key={`${image}-${before}`} pair={image ? { imageId: image, beforeId: before || undefined } : null} />;
}
