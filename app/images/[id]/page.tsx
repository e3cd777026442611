import type { Metadata } from "next";
import Link from "next/link";
import { formatBytes, formatLabel, imageTitle, kindLabel } from "@/components/api/format";
import { CreativePanels } from "@/components/image/creative-panels";
import { DeleteImageButton } from "@/components/image/delete-image-button";
import { ExportPanel } from "@/components/image/export-panel";
import { ImageDetails } from "@/components/image/image-details";
import { ImageLineage } from "@/components/image/image-lineage";
import { ImageWorkspace } from "@/components/image/image-workspace";
import { ShareLinkButton } from "@/components/image/share-link-button";
import { FamilyTree } from "@/components/lineage/family-tree";
import { familyOf } from "@/components/lineage/tree-layout";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { loadImage, loadLineage } from "./load-image";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const image = await loadImage((await params).id);
  return { title: imageTitle(image) };
}

export default async function ImagePage({ params }: Props) {
  const image = await loadImage((await params).id);
  const title = imageTitle(image);
  const lineage = await loadLineage(image.id);
  const parent = lineage.ancestors.at(-1) ?? null;
  // The tree shows the whole family: the oldest ancestor's lineage (sisters and cousins included).
  const family = familyOf(lineage, lineage.ancestors.length ? await loadLineage(lineage.ancestors[0].id) : undefined);

  return (
    <main className="mx-auto max-w-[1600px] px-4 pt-4 pb-16 sm:px-6 sm:pt-6">
      <header className="mb-5 flex items-center gap-3">
        <Link
          href="/"
          aria-label="Back to the gallery"
          className="grid size-9 shrink-0 place-items-center rounded-lg border border-line bg-surface text-muted hover:text-fg"
        >
          <ArrowLeftIcon />
        </Link>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-lg font-semibold tracking-tight sm:text-xl">{title}</h1>
          <p className="text-xs text-muted tabular-nums">
            {kindLabel[image.kind]} · {image.width} × {image.height} · {formatLabel(image.format)} · {formatBytes(image.bytes)}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <ShareLinkButton imageId={image.id} />
          <DeleteImageButton imageId={image.id} childCount={image.children.length} />
        </div>
      </header>
      <ImageWorkspace key={image.id} image={image} title={title}>
        <CreativePanels image={image} />
        <ExportPanel imageId={image.id} sourceFormat={image.format} />
        <ImageLineage image={image} parent={parent} />
        <ImageDetails image={image} parent={parent} generation={lineage.ancestors.length + 1} />
      </ImageWorkspace>
      <FamilyTree key={image.id} family={family} />
    </main>
  );
}
