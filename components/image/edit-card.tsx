"use client";

import { AlertIcon, CloseIcon, CropIcon, FilterIcon, ResizeIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { TabBar } from "@/components/ui/tab-bar";
import { fullRect, type Rect, type Size } from "./crop-geometry";
import { CropPanel, type AspectId } from "./crop-panel";
import { croppedSize, operationsOf, resultSize, type EditPlan } from "./edit-plan";
import type { FilterChoice } from "./filter-options";
import { FilterPanel } from "./filter-panel";
import { isUpright, swapsSides } from "./orientation";
import { ResizePanel } from "./resize-panel";
import { RotateIcon, RotatePanel } from "./rotate-panel";

export const tools = [
  { id: "crop", label: "Crop", icon: CropIcon },
  { id: "resize", label: "Resize", icon: ResizeIcon },
  { id: "filter", label: "Filters", icon: FilterIcon },
  { id: "rotate", label: "Rotate", icon: RotateIcon },
] as const;
export type Tool = (typeof tools)[number]["id"];

export function isPending(tool: Tool, plan: EditPlan, size: Size) {
  if (tool === "crop") return JSON.stringify(plan.crop) !== JSON.stringify(fullRect(size));
  if (tool === "resize") return operationsOf(plan, size).some((o) => o.op === "resize");
  if (tool === "rotate") return !isUpright(plan.orientation);
  return plan.filter !== null;
}

interface Props {
  size: Size;
  /** A small rendition of the picture (the rotate tab shows it turned). */
  thumbnail: string;
  tool: Tool;
  onTool: (tool: Tool) => void;
  plan: EditPlan;
  aspect: AspectId;
  onAspect: (aspect: AspectId) => void;
  onChange: (change: Partial<EditPlan>) => void;
  pending: string[];
  result: Size;
  saving: boolean;
  error: string | null;
  onSave: () => void;
  onDiscard: () => void;
  onClose: () => void;
}

/** The picture the turn applies to: after the crop and the resize (the result's sides, unturned). */
const resizedFrom = (plan: EditPlan, size: Size): Size => {
  const made = resultSize(plan, size);
  return swapsSides(plan.orientation) ? { width: made.height, height: made.width } : made;
};

/** The edit mode's card: crop, resize, filter and rotate tabs, the pending edits in words, save them together or discard. */
export function EditCard({ size, thumbnail, tool, onTool, plan, aspect, onAspect, onChange, pending, result, saving, error, onSave, onDiscard, onClose }: Props) {
  const count = operationsOf(plan, size).length;
  return (
    <section aria-label="Edit" data-testid="edit-card" className="rounded-2xl border border-line bg-surface shadow-xs">
      <div className="flex items-center gap-1 pr-1.5">
        <div className="min-w-0 flex-1">
          <TabBar
            tabs={tools}
            selected={tool}
            onSelect={onTool}
            idPrefix="tool"
            label="Tools"
            marker={(id) =>
              tool !== id && isPending(id, plan, size) && <span className="absolute top-1.5 right-1.5 size-1.5 rounded-full bg-accent" role="img" aria-label="(changed)" />
            }
          />
        </div>
        <button
          type="button"
          data-testid="edit-close"
          aria-label="Close the editor"
          title="Close the editor (Esc); pending edits stay shown"
          onClick={onClose}
          className="grid size-8 shrink-0 place-items-center rounded-md text-muted hover:bg-raised hover:text-fg"
        >
          <CloseIcon className="size-4" />
        </button>
      </div>
      <div id={`tool-panel-${tool}`} role="tabpanel" aria-labelledby={`tool-tab-${tool}`} className="p-4 sm:p-5">
        {tool === "crop" && <CropPanel size={size} rect={plan.crop} aspect={aspect} onRect={(crop: Rect) => onChange({ crop })} onAspect={onAspect} />}
        {tool === "resize" && <ResizePanel from={croppedSize(plan, size)} target={plan.resize} onTarget={(resize) => onChange({ resize })} />}
        {tool === "filter" && <FilterPanel choice={plan.filter} onChoice={(filter: FilterChoice | null) => onChange({ filter })} />}
        {tool === "rotate" && <RotatePanel from={resizedFrom(plan, size)} src={thumbnail} orientation={plan.orientation} onOrientation={(orientation) => onChange({ orientation })} />}

        <div className="mt-5 space-y-3 border-t border-line pt-4">
          <div data-testid="edit-summary" data-count={count} aria-live="polite" className="text-xs leading-5">
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
              <span className="text-muted">No edits yet: crop, resize, filter and rotate, then save them as one new image.</span>
            )}
          </div>
          {error && (
            <p role="alert" data-testid="action-error" className="flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
              <AlertIcon className="mt-0.5 size-4 shrink-0" />
              <span>{error}</span>
            </p>
          )}
          <div className="flex gap-2">
            {pending.length > 0 && (
              <button type="button" data-testid="edit-discard" onClick={onDiscard} disabled={saving} className={buttonClass("secondary", "md")}>
                Discard
              </button>
            )}
            <button
              type="button"
              // The tab's own name (crop-apply, resize-apply, filter-apply): whichever tab is open saves every edit.
              data-testid={`${tool}-apply`}
              data-role="edit-save"
              onClick={onSave}
              disabled={saving || count === 0}
              aria-busy={saving || undefined}
              className={buttonClass("primary", "md", "flex-1")}
            >
              {saving && <Spinner />}
              {saving ? "Saving…" : pending.length > 1 ? `Save ${pending.length} edits as a new image` : "Save as a new image"}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
