"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Job } from "@/components/api/generation";
import type { StudioImageDetail } from "@/components/api/types";
import { SparklesIcon } from "@/components/generate/icons";
import { useJob } from "@/components/generate/use-job";
import { icon } from "@/components/ui/icons";
import { TabBar } from "@/components/ui/tab-bar";
import { useToast } from "@/components/ui/toast";
import { PalettePanel } from "./palette-panel";
import { RefinePanel } from "./refine-panel";
import { VariationsPanel } from "./variations-panel";
import { FirstFrameNote } from "./first-frame-note";

const CopiesIcon = icon(<><rect x="8" y="8" width="12" height="12" rx="2" /><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" /></>);
const PaletteIcon = icon(<><path d="M12 3a9 9 0 1 0 0 18c1 0 1.5-.7 1.5-1.5 0-.4-.2-.8-.4-1.1-.3-.3-.4-.6-.4-1 0-.8.7-1.4 1.5-1.4H16a5 5 0 0 0 5-5c0-4.4-4-8-9-8z" /><circle cx="7.5" cy="11" r="1" fill="currentColor" /><circle cx="10" cy="7" r="1" fill="currentColor" /><circle cx="15" cy="7.5" r="1" fill="currentColor" /></>);

const tools = [
  { id: "variations", label: "Variations", icon: CopiesIcon },
  { id: "refine", label: "Refine", icon: SparklesIcon },
  { id: "palette", label: "Palette", icon: PaletteIcon },
] as const;
type Tool = (typeof tools)[number]["id"];

/**
 * The creative loop on an image: variations, refinement by prompt, and its colour palette. The three panels stay
 * mounted while hidden, so a job started in one goes on (and is followed) while another is open.
 */
export function CreativePanels({ image }: { image: StudioImageDetail }) {
  const router = useRouter();
  const notify = useToast();
  const [tool, setTool] = useState<Tool>("variations");
  const onFinished = (what: string) => (job: Job) => {
    if (job.status !== "succeeded") return;
    notify(`${job.images.length} ${what}${job.images.length === 1 ? "" : "s"} ready — saved as new images`);
    // The lineage strip (server-rendered) lists the new children.
    router.refresh();
  };
  const variations = useJob({ onFinished: onFinished("variation") });
  const refine = useJob({ onFinished: onFinished("refined image") });
  const busy: Record<Tool, boolean> = { variations: variations.running, refine: refine.running, palette: false };

  return (
    <section aria-label="Create" data-testid="creative-panels" className="rounded-2xl border border-line bg-surface shadow-xs">
      <TabBar
        tabs={tools}
        selected={tool}
        onSelect={setTool}
        idPrefix="create"
        label="Create from this image"
        marker={(id) =>
          busy[id] && tool !== id && <span className="absolute top-1.5 right-1.5 size-1.5 animate-pulse rounded-full bg-accent" aria-label="(working)" role="img" />
        }
      />
      <FirstFrameNote image={image} />
      {tools.map((t) => (
        <div
          key={t.id}
          id={`create-panel-${t.id}`}
          role="tabpanel"
          aria-labelledby={`create-tab-${t.id}`}
          hidden={tool !== t.id}
          className="p-4 sm:p-5"
        >
          {t.id === "variations" && <VariationsPanel image={image} job={variations} />}
          {t.id === "refine" && <RefinePanel image={image} job={refine} active={tool === "refine"} />}
          {t.id === "palette" && <PalettePanel image={image} stored={image.palettes} />}
        </div>
      ))}
    </section>
  );
}
