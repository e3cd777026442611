import type { Metadata } from "next";
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
    <main className="mx-auto max-w-[1800px] px-3 pt-3 pb-16 sm:px-6 sm:pt-4">
      <ImageWorkspace
        key={image.id}
        image={image}
        title={title}
        subtitle={`${kindLabel[image.kind]} · ${image.width} × ${image.height} · ${formatLabel(image.format)} · ${formatBytes(image.bytes)}`}
        actions={
          <>
            <ShareLinkButton imageId={image.id} />
            <DeleteImageButton imageId={image.id} childCount={image.children.length} />
          </>
        }
      >
        <CreativePanels image={image} />
        <ExportPanel imageId={image.id} sourceFormat={image.format} />
        <ImageLineage image={image} parent={parent} />
        <ImageDetails image={image} parent={parent} generation={lineage.ancestors.length + 1} />
      </ImageWorkspace>
      <FamilyTree key={image.id} family={family} />
    </main>
  );
}
