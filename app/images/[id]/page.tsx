import type { Metadata } from "next";
import { animationLabel, formatBytes, formatLabel, imageKindLabel, imageTitle } from "@/components/api/format";
import { CreativePanels } from "@/components/image/creative-panels";
import { CredentialsPanel } from "@/components/image/credentials-panel";
import { ancestryOf } from "@/components/image/credentials-view";
import { DeleteImageButton } from "@/components/image/delete-image-button";
import { ExportPanel } from "@/components/image/export-panel";
import { ImageDetails } from "@/components/image/image-details";
import { ImageLineage } from "@/components/image/image-lineage";
import { ImageWorkspace } from "@/components/image/image-workspace";
import { ShareLinkButton } from "@/components/image/share-link-button";
import { ToolsPanels } from "@/components/image/tools-panels";
import { madeFromOf } from "@/components/image/made-from";
import { FamilyTree } from "@/components/lineage/family-tree";
import { familyOf, generationOf, graphOf, sourceRootOf } from "@/components/lineage/tree-layout";
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
  // Every live ancestor, each once (an older server's tree view: only the line of sources, so trash is not told apart).
  const known = new Map(graphOf(lineage).nodes.map((n) => [n.id, n]));
  const parent = (image.parentId && known.get(image.parentId)) || null;
  // The graph shows the whole family: with the oldest source ancestor's lineage, sisters and cousins are there too.
  const rootId = sourceRootOf(lineage);
  const family = familyOf(lineage, rootId !== image.id ? await loadLineage(rootId) : undefined);

  return (
    <main className="mx-auto max-w-[1800px] px-3 pt-3 pb-16 sm:px-6 sm:pt-4">
      <ImageWorkspace
        key={image.id}
        image={image}
        title={title}
        subtitle={[imageKindLabel(image), `${image.width} × ${image.height}`, formatLabel(image.format), animationLabel(image), formatBytes(image.bytes)].filter(Boolean).join(" · ")}
        actions={
          <>
            <ShareLinkButton imageId={image.id} />
            <DeleteImageButton imageId={image.id} childCount={image.children.length} />
          </>
        }
      >
        <CreativePanels image={image} />
        <ToolsPanels image={image} />
        <ExportPanel imageId={image.id} sourceFormat={image.format} frames={image.frames} marked={!!image.digitalSourceType} />
        <ImageLineage image={image} parents={madeFromOf(image, lineage.nodes ? known : null)} />
        <CredentialsPanel
          key={image.id}
          imageId={image.id}
          kind={image.kind}
          digitalSourceType={image.digitalSourceType}
          thumbnailUrl={image.thumbnailUrl}
          images={ancestryOf(image, known, imageTitle)}
        />
        <ImageDetails image={image} parent={parent} generation={generationOf(lineage)} />
      </ImageWorkspace>
      <FamilyTree key={image.id} family={family} />
    </main>
  );
}
