"use client";

import { useState } from "react";
import type { StudioImage } from "@/components/api/types";
import { AlertIcon, CropIcon, FilterIcon, ResizeIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { TabBar } from "@/components/ui/tab-bar";
import { CropOverlay, CropShade } from "./crop-overlay";
import { aspectPresets, fullRect, type Rect } from "./crop-geometry";
import { CropPanel, type AspectId } from "./crop-panel";
import { croppedSize, describePlan, emptyPlan, operationsOf, resultSize, savedMessage, type EditPlan } from "./edit-plan";
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
  /** Server-rendered cards under the tools (create, download, details, lineage). */
  children?: React.ReactNode;
}

/**
 * The preview and the edits on it. Crop (the box drawn over the picture, with aspect presets), resize and a filter
 * (previewed live on the picture) are gathered into one plan and saved together: one request, one new image.
 */
export function ImageWorkspace({ image, title, children }: Props) {
  const size = { width: image.width, height: image.height };
  const [tool, setTool] = useState<Tool>("crop");
  const [plan, setPlan] = useState<EditPlan>(() => emptyPlan(size));
  const [aspect, setAspect] = useState<AspectId>("free");
  const [scale, setScale] = useState(1);
  const action = useImageAction(image.id);
  const ratio = aspectPresets.find((p) => p.id === aspect)?.ratio ?? null;
  const preview = previewOf(plan.filter, scale);
  const operations = operationsOf(plan, size);
  const pending = describePlan(plan, size);
  const result = resultSize(plan, size);

  const update = (change: Partial<EditPlan>) => {
    setPlan((current) => ({ ...current, ...change }));
    action.clearError();
  };
  const save = () => void action.run(operations, () => savedMessage(operations, plan, result));

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="lg:sticky lg:top-20">
        <PreviewStage
          image={image}
          alt={title}
          filter={preview.filter}
          tint={preview.tint}
          onScale={setScale}
          overlay={
            tool === "crop" ? (
              <CropOverlay size={size} rect={plan.crop} ratio={ratio} onChange={(crop: Rect) => update({ crop })} />
            ) : isPending("crop", plan, size) ? (
              <CropShade size={size} rect={plan.crop} />
            ) : null
          }
        />
      </div>

      <div className="flex min-w-0 flex-col gap-4">
        <section aria-label="Edit" data-testid="edit-card" className="rounded-2xl border border-line bg-surface shadow-xs">
          <TabBar
            tabs={tools}
            selected={tool}
            onSelect={setTool}
            idPrefix="tool"
            label="Tools"
            marker={(id) =>
              tool !== id && isPending(id, plan, size) && <span className="absolute top-1.5 right-1.5 size-1.5 rounded-full bg-accent" role="img" aria-label="(changed)" />
            }
          />
          <div id={`tool-panel-${tool}`} role="tabpanel" aria-labelledby={`tool-tab-${tool}`} className="p-4 sm:p-5">
            {tool === "crop" && <CropPanel size={size} rect={plan.crop} aspect={aspect} onRect={(crop) => update({ crop })} onAspect={setAspect} />}
            {tool === "resize" && <ResizePanel from={croppedSize(plan, size)} target={plan.resize} onTarget={(resize) => update({ resize })} />}
            {tool === "filter" && <FilterPanel choice={plan.filter} onChoice={(filter: FilterChoice | null) => update({ filter })} />}

            <div className="mt-5 space-y-3 border-t border-line pt-4">
              <div data-testid="edit-summary" data-count={operations.length} aria-live="polite" className="text-xs leading-5">
                {pending.length ? (
                  <>
                    <span className="font-medium text-fg">Saved together: </span>
                    <span className="text-muted">{pending.join(" → ")}</span>
                    <span className="text-muted tabular-nums">
                      {" "}
                      · {result.width} × {result.height} px
                    </span>
                  </>
                ) : (
                  <span className="text-muted">No edits yet: crop, resize and filter, then save them as one new image.</span>
                )}
              </div>
              {action.error && (
                <p role="alert" data-testid="action-error" className="flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
                  <AlertIcon className="mt-0.5 size-4 shrink-0" />
                  <span>{action.error}</span>
                </p>
              )}
              <div className="flex gap-2">
                {pending.length > 0 && (
                  <button
                    type="button"
                    data-testid="edit-discard"
                    onClick={() => {
                      setPlan(emptyPlan(size));
                      setAspect("free");
                      action.clearError();
                    }}
                    disabled={action.pending}
                    className={buttonClass("secondary", "md")}
                  >
                    Discard
                  </button>
                )}
                <button
                  type="button"
                  // The tab's own name (crop-apply, resize-apply, filter-apply): whichever tab is open saves every edit.
                  data-testid={`${tool}-apply`}
                  data-role="edit-save"
                  onClick={save}
                  disabled={action.pending || operations.length === 0}
                  aria-busy={action.pending || undefined}
                  className={buttonClass("primary", "md", "flex-1")}
                >
                  {action.pending && <Spinner />}
                  {action.pending ? "Saving…" : pending.length > 1 ? `Save ${pending.length} edits as a new image` : "Save as a new image"}
                </button>
              </div>
            </div>
          </div>
        </section>
        {children}
      </div>
    </div>
  );
}

function isPending(tool: Tool, plan: EditPlan, size: { width: number; height: number }) {
  if (tool === "crop") return JSON.stringify(plan.crop) !== JSON.stringify(fullRect(size));
  if (tool === "resize") return operationsOf(plan, size).some((o) => o.op === "resize");
  return plan.filter !== null;
}
