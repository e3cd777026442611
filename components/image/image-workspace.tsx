"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type { StudioImage } from "@/components/api/types";
import { PlusIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";
import { useGalleryNav } from "@/components/viewer/use-gallery-nav";
import { CropOverlay, CropShade } from "./crop-overlay";
import { aspectPresets, type Rect } from "./crop-geometry";
import type { AspectId } from "./crop-panel";
import { EditCard, isPending, type Tool } from "./edit-card";
import { describePlan, emptyPlan, operationsOf, resultSize, savedMessage, type EditPlan } from "./edit-plan";
import { previewOf } from "./filter-options";
import { orientTransform } from "./orientation";
import { ImageViewer, type ImageViewerHandle } from "./image-viewer";
import { useImageAction } from "./use-image-action";
import { useRating } from "./use-rating";
import { ViewerBar } from "./viewer-bar";
import { ViewerContext } from "./viewer-context";
import { pageHeld, useViewerKeys } from "./viewer-keys";

interface Props {
  image: StudioImage;
  title: string;
  /** Kind, size, format and bytes, in words. */
  subtitle: string;
  /** Share and delete, beside the title. */
  actions?: React.ReactNode;
  /** Server-rendered cards beside the viewer (create, download, details, lineage). */
  children?: React.ReactNode;
}

const MinusIcon = ({ className = "size-4" }: { className?: string }) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" className={className} aria-hidden="true">
    <path d="M5 12h14" />
  </svg>
);

/**
 * The image page's client side: the viewer (zoom, pan, ← → through the gallery, Esc back to it), the star and the
 * rating, and the edit mode (E or the Edit button): crop (the box drawn over the picture), resize and a filter
 * (previewed live on the picture) gathered into one plan and saved together as one new image. Pending edits stay
 * shown when the editor is closed, and the download card offers them.
 */
export function ImageWorkspace({ image, title, subtitle, actions, children }: Props) {
  const size = useMemo(() => ({ width: image.width, height: image.height }), [image.width, image.height]);
  const [editing, setEditing] = useState(false);
  const [tool, setTool] = useState<Tool>("crop");
  const [plan, setPlan] = useState<EditPlan>(() => emptyPlan(size));
  const [aspect, setAspect] = useState<AspectId>("free");
  const [scale, setScale] = useState(1);
  const [surface, setSurface] = useState<HTMLDivElement | null>(null);
  const viewer = useRef<ImageViewerHandle>(null);
  const action = useImageAction(image.id);
  const nav = useGalleryNav(image.id);
  const marks = useRating(image.id, { favorite: image.favorite, rating: image.rating }, nav.remember);
  const ratio = aspectPresets.find((p) => p.id === aspect)?.ratio ?? null;
  const preview = previewOf(plan.filter, scale);
  const operations = operationsOf(plan, size);
  const pending = describePlan(plan, size);
  const result = resultSize(plan, size);
  // The pending turn or flip, shown on the picture — except while the crop box is being drawn on the upright one.
  const turned = editing && tool === "crop" ? undefined : orientTransform(plan.orientation, size);

  const update = (change: Partial<EditPlan>) => {
    setPlan((current) => ({ ...current, ...change }));
    action.clearError();
  };
  const save = () => void action.run(operations, () => savedMessage(operations, plan, result));
  const discard = () => {
    setPlan(emptyPlan(size));
    setAspect("free");
    action.clearError();
  };
  const toggleEdit = useCallback(() => setEditing((on) => !on), []);

  const keysReady = useViewerKeys({
    zoomIn: () => viewer.current?.zoomIn(),
    zoomOut: () => viewer.current?.zoomOut(),
    fit: () => viewer.current?.fit(),
    pan: (dx, dy) => viewer.current?.pan(dx, dy) ?? false,
    previous: nav.goPrevious,
    next: nav.goNext,
    escape: () => (editing ? setEditing(false) : !pageHeld() && nav.back()),
    toggleEdit,
    favorite: marks.toggleFavorite,
    rate: marks.rate,
  });

  // The cards beside the viewer re-render when the edits change, not on every render of the workspace.
  const editsKey = JSON.stringify(operations);
  const context = useMemo(() => ({ surface, pending, operations, result }), [surface, editsKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const overlay =
    editing && tool === "crop" ? (
      <CropOverlay size={size} rect={plan.crop} ratio={ratio} onChange={(crop: Rect) => update({ crop })} />
    ) : isPending("crop", plan, size) ? (
      <CropShade size={size} rect={plan.crop} />
    ) : null;

  const control = "grid size-9 place-items-center rounded-lg text-muted hover:bg-raised hover:text-fg";

  return (
    <ViewerContext.Provider value={context}>
      <ViewerBar
        title={title}
        subtitle={subtitle}
        nav={nav}
        favorite={marks.favorite}
        rating={marks.rating}
        onFavorite={marks.toggleFavorite}
        onRate={marks.rate}
        actions={actions}
      />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex flex-col gap-2 lg:sticky lg:top-16">
          <div
            data-testid="viewer"
            data-keys={keysReady ? "ready" : undefined}
            className="h-[min(calc(100dvh-11rem),max(16rem,var(--fit-height)))] lg:h-[calc(100dvh-10rem)] lg:min-h-96"
            style={{ "--fit-height": `calc((100vw - 1.5rem) * ${image.height / image.width})` } as React.CSSProperties}
          >
            <ImageViewer
              ref={viewer}
              image={image}
              alt={title}
              filter={preview.filter}
              tint={preview.tint}
              transform={turned}
              overlay={overlay}
              onSurface={setSurface}
              onScale={setScale}
            />
          </div>
          <div role="toolbar" aria-label="View" className="flex items-center gap-1">
            <button type="button" data-testid="zoom-out" aria-label="Zoom out" aria-keyshortcuts="-" title="Zoom out (−)" onClick={() => viewer.current?.zoomOut()} className={control}>
              <MinusIcon />
            </button>
            <button type="button" data-testid="zoom-fit" aria-keyshortcuts="0" title="Fit the picture to the screen (0)" onClick={() => viewer.current?.fit()} className="h-9 rounded-lg px-2 text-xs font-medium text-muted hover:bg-raised hover:text-fg">
              Fit
            </button>
            <button type="button" data-testid="zoom-in" aria-label="Zoom in" aria-keyshortcuts="+" title="Zoom in (+)" onClick={() => viewer.current?.zoomIn()} className={control}>
              <PlusIcon className="size-4" />
            </button>
            <p className="ml-2 hidden text-xs text-muted sm:block">Wheel or pinch to zoom, drag to move, double-click for 100%</p>
            <button
              type="button"
              data-testid="edit-toggle"
              aria-pressed={editing}
              aria-keyshortcuts="E"
              title={editing ? "Close the editor (E)" : "Crop, resize, filter or rotate (E)"}
              onClick={toggleEdit}
              className={buttonClass(editing ? "primary" : "secondary", "md", "ml-auto")}
            >
              Edit
              {pending.length > 0 && !editing && <span className="ml-1 text-xs font-normal">({pending.length} pending)</span>}
            </button>
          </div>
        </div>

        <div className="flex min-w-0 flex-col gap-4">
          {editing && (
            <EditCard
              size={size}
              thumbnail={image.thumbnailUrl}
              tool={tool}
              onTool={setTool}
              plan={plan}
              aspect={aspect}
              onAspect={setAspect}
              onChange={update}
              pending={pending}
              result={result}
              saving={action.pending}
              error={action.error}
              onSave={save}
              onDiscard={discard}
              onClose={() => setEditing(false)}
            />
          )}
          {children}
        </div>
      </div>
    </ViewerContext.Provider>
  );
}
