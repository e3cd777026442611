"use client";

import { useState } from "react";
import type { StudioImage } from "@/components/api/types";
import { CropIcon, FilterIcon, ResizeIcon } from "@/components/ui/icons";
import { CropOverlay } from "./crop-overlay";
import { aspectPresets, fullRect, type Rect } from "./crop-geometry";
import { CropPanel } from "./crop-panel";
import { previewOf, type FilterChoice } from "./filter-options";
import { FilterPanel } from "./filter-panel";
import { PreviewStage } from "./preview-stage";
import { ResizePanel } from "./resize-panel";
import { useImageAction } from "./use-image-action";

const tools = [
  { id: "crop", label: "Crop", icon: CropIcon },
  { id: "resize", label: "Resize", icon: ResizeIcon },
  { id: "filter", label: "Filters", icon: FilterIcon },
] as const;
type Tool = (typeof tools)[number]["id"];

interface Props {
  image: StudioImage;
  title: string;
  /** Server-rendered cards under the tools (download, details, lineage). */
  children?: React.ReactNode;
}

/** The preview and the tools that act on it: the crop box and the filter preview are drawn over the picture. */
export function ImageWorkspace({ image, title, children }: Props) {
  const size = { width: image.width, height: image.height };
  const [tool, setTool] = useState<Tool>("crop");
  const [rect, setRect] = useState<Rect>(fullRect(size));
  const [aspect, setAspect] = useState<(typeof aspectPresets)[number]["id"]>("free");
  const [filter, setFilter] = useState<FilterChoice>({ type: "grayscale", value: 0 });
  const [scale, setScale] = useState(1);
  const action = useImageAction(image.id);
  const ratio = aspectPresets.find((p) => p.id === aspect)?.ratio ?? null;
  const preview = tool === "filter" ? previewOf(filter, scale) : {};

  const select = (next: Tool) => {
    setTool(next);
    action.clearError();
  };

  const onTabKey = (e: React.KeyboardEvent, index: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tools[(index + step + tools.length) % tools.length];
    select(next.id);
    document.getElementById(`tool-tab-${next.id}`)?.focus();
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="lg:sticky lg:top-20">
        <PreviewStage
          image={image}
          alt={title}
          filter={preview.filter}
          tint={preview.tint}
          onScale={setScale}
          overlay={tool === "crop" ? <CropOverlay size={size} rect={rect} ratio={ratio} onChange={setRect} /> : null}
        />
      </div>

      <div className="flex min-w-0 flex-col gap-4">
        <section aria-label="Edit" className="rounded-2xl border border-line bg-surface shadow-xs">
          <div role="tablist" aria-label="Tools" className="flex gap-1 border-b border-line p-1.5">
            {tools.map((t, i) => (
              <button
                key={t.id}
                id={`tool-tab-${t.id}`}
                type="button"
                role="tab"
                data-testid={`${t.id}-tab`}
                aria-selected={tool === t.id}
                aria-controls={`tool-panel-${t.id}`}
                tabIndex={tool === t.id ? 0 : -1}
                onClick={() => select(t.id)}
                onKeyDown={(e) => onTabKey(e, i)}
                className={`flex h-9 flex-1 items-center justify-center gap-2 rounded-lg text-sm font-medium transition-colors ${
                  tool === t.id ? "bg-accent-soft text-accent" : "text-muted hover:bg-raised hover:text-fg"
                }`}
              >
                <t.icon className="size-4" /> {t.label}
              </button>
            ))}
          </div>
          <div id={`tool-panel-${tool}`} role="tabpanel" aria-labelledby={`tool-tab-${tool}`} className="p-4 sm:p-5">
            {tool === "crop" && <CropPanel size={size} rect={rect} aspect={aspect} onRect={setRect} onAspect={setAspect} action={action} />}
            {tool === "resize" && <ResizePanel size={size} action={action} />}
            {tool === "filter" && <FilterPanel choice={filter} onChoice={setFilter} action={action} />}
          </div>
        </section>
        {children}
      </div>
    </div>
  );
}
