import { AlertIcon } from "@/components/ui/icons";

/**
 * What the provider said about a picture it made, in its words — the local renderer: the things of the prompt it
 * could not draw ("Drawn offline: the local renderer does not know 'headphones' — connect a provider for this.").
 * Nothing when there is nothing to say.
 */
export function RenderNotices({ notices, className = "" }: { notices?: readonly string[] | null; className?: string }) {
  if (!notices?.length) return null;
  return (
    <div role="note" aria-label="About this picture" data-testid="render-notices" className={`flex gap-2 rounded-lg border border-warning/30 bg-warning-soft px-3 py-2 text-[13px] leading-5 ${className}`}>
      <AlertIcon className="mt-0.5 size-4 shrink-0 text-warning" />
      <div className="min-w-0 space-y-1 text-fg">
        {notices.map((notice) => (
          <p key={notice}>{notice}</p>
        ))}
      </div>
    </div>
  );
}

/** The notices of a batch's images, each once. */
export const noticesOfImages = (images: readonly { notices?: readonly string[] | null }[]): string[] => [...new Set(images.flatMap((i) => i.notices ?? []))];
