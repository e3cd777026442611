"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { messageOf } from "@/components/api/client";
import { fetchProviders, type Job, type Provider } from "@/components/api/generation";
import type { StudioImage } from "@/components/api/types";
import { useJob } from "@/components/generate/use-job";
import { icon } from "@/components/ui/icons";
import { TabBar } from "@/components/ui/tab-bar";
import { useToast } from "@/components/ui/toast";
import { BackgroundPanel } from "./background-panel";
import { DescribePanel } from "./describe-panel";
import { ExpandPanel } from "./expand-panel";
import { UpscalePanel } from "./upscale-panel";
import { FirstFrameNote } from "./first-frame-note";

const UpscaleIcon = icon(<><rect x="3" y="11" width="10" height="10" rx="1.5" /><path d="M3 7V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-2" /><path d="M14 10l4-4M14 6h4v4" /></>);
const CutoutIcon = icon(<><path d="M4 4h3M10 4h4M17 4h3v3M20 10v4M20 17v3h-3M14 20h-4M7 20H4v-3M4 14v-4M4 7V4" /><circle cx="12" cy="10" r="2.5" /><path d="M7.5 17a4.5 4.5 0 0 1 9 0" /></>);
const ExpandIcon = icon(<><rect x="8" y="8" width="8" height="8" rx="1" /><path d="M3 8V3h5M21 8V3h-5M3 16v5h5M21 16v5h-5" /></>);
const DescribeIcon = icon(<><rect x="3" y="4" width="10" height="9" rx="1.5" /><path d="m3 11 3-3 3 3 2-2 2 2" /><path d="M16 7h5M16 11h5M3 17h18M3 21h12" /></>);

const tools = [
  { id: "upscale", label: "Upscale", icon: UpscaleIcon },
  { id: "background", label: "Cut out", icon: CutoutIcon },
  { id: "expand", label: "Expand", icon: ExpandIcon },
  { id: "describe", label: "Describe", icon: DescribeIcon },
] as const;
type ToolId = (typeof tools)[number]["id"];

/** The providers, read once for the tools' choices; a failure leaves the local ways (and says why). */
function useProviderList() {
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const [status, setStatus] = useState<string | null>("Loading the connected services…");
  useEffect(() => {
    const controller = new AbortController();
    fetchProviders(controller.signal)
      .then((all) => {
        setProviders(all);
        setStatus(null);
      })
      .catch((e) => !controller.signal.aborted && setStatus(`The services could not be read: ${messageOf(e)}`));
    return () => controller.abort();
  }, []);
  return { providers, status };
}

/**
 * The finishing tools on an image: upscale, cut out (remove the background), expand (zoom out, pan, aspect ratio)
 * and describe (image → prompt). Each job tool follows its job like the variations do and shows the result beside
 * the original; the panels stay mounted while hidden, so a job goes on while another tab is open.
 */
export function ToolsPanels({ image }: { image: StudioImage }) {
  const router = useRouter();
  const notify = useToast();
  const [tool, setTool] = useState<ToolId>("upscale");
  const { providers, status } = useProviderList();
  const onFinished = (what: string) => (job: Job) => {
    if (job.status !== "succeeded") return;
    const made = job.images[0];
    const size = made ? ` — ${made.width} × ${made.height}` : "";
    // A result with notices ("no new detail", "the subject touches the edges") is not a plain success: see them.
    if (made?.notices?.length) notify(`${what}${size}. Saved as a new image — see the notes`, "info");
    else notify(`${what}${size}, saved as a new image`);
    // The lineage strip (server-rendered) lists the new child.
    router.refresh();
  };
  const upscale = useJob({ onFinished: onFinished("Upscaled") });
  const background = useJob({ onFinished: onFinished("Background removed") });
  const expand = useJob({ onFinished: onFinished("Expanded") });
  const busy: Record<ToolId, boolean> = { upscale: upscale.running, background: background.running, expand: expand.running, describe: false };
  const working = upscale.running || background.running || expand.running;

  return (
    // Keys pressed in the card are its own (Esc on an option must not leave the page: viewer-keys.ts), and while a
    // tool works the page is held (Esc and ← → do not leave it from anywhere).
    <section aria-label="Tools" data-testid="tools-panels" data-own-keys data-holds-page={working || undefined} className="rounded-2xl border border-line bg-surface shadow-xs">
      <TabBar
        tabs={tools}
        selected={tool}
        onSelect={setTool}
        idPrefix="finish"
        label="Finishing tools"
        dense
        marker={(id) =>
          busy[id] && tool !== id && <span className="absolute top-1.5 right-1.5 size-1.5 animate-pulse rounded-full bg-accent" aria-label="(working)" role="img" />
        }
      />
      <FirstFrameNote image={image} />
      {tools.map((t) => (
        <div key={t.id} id={`finish-panel-${t.id}`} role="tabpanel" aria-labelledby={`finish-tab-${t.id}`} hidden={tool !== t.id} className="p-4 sm:p-5">
          {t.id === "upscale" && <UpscalePanel image={image} job={upscale} providers={providers} status={status} />}
          {t.id === "background" && <BackgroundPanel image={image} job={background} providers={providers} status={status} />}
          {t.id === "expand" && <ExpandPanel image={image} job={expand} providers={providers} status={status} />}
          {t.id === "describe" && <DescribePanel image={image} providers={providers} status={status} />}
        </div>
      ))}
    </section>
  );
}
