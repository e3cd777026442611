"use client";

import { useEffect, useState } from "react";
import { fetchProviders } from "@/components/api/generation";
import { AddReferenceButton } from "./add-reference-button";
import { ReferenceDropHint, ReferenceTray } from "./reference-tray";
import { referenceBody, rendererOf, type DraftReference, type Renderer } from "./references";
import { usePanelReferences } from "./use-reference-input";

/** Where the server will make the picture (no model is chosen on the image page): a remote provider if one is set up. */
function useRenderer(): Renderer | undefined {
  const [renderer, setRenderer] = useState<Renderer | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    fetchProviders(controller.signal)
      .then((providers) => setRenderer(rendererOf(providers, undefined)))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return renderer;
}

/**
 * References for a panel that changes an image (Variations, Refine): the same tray, picker, drops and pastes as the
 * prompt panel; the image itself is the source and cannot be added. `body` is the request's `referenceImageIds`.
 */
export function useSourceReferences(sourceId: string) {
  const [references, setReferences] = useState<DraftReference[]>([]);
  const renderer = useRenderer();
  const refs = usePanelReferences(references, (change) => setReferences(change.references), undefined, { sourceId, renderer });
  return { ...refs, references, body: referenceBody(references) };
}

/** The "Reference" button and the tray, for `useSourceReferences`; the drop hint covers the panel (`relative`). */
export function SourceReferences({ refs, className = "" }: { refs: ReturnType<typeof useSourceReferences>; className?: string }) {
  return (
    <div data-testid="source-references" className={`flex flex-col items-start gap-2 ${className}`}>
      <ReferenceDropHint visible={refs.active} />
      <AddReferenceButton {...refs.addProps} />
      <ReferenceTray {...refs.trayProps} />
    </div>
  );
}
