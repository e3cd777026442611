"use client";

import { createContext, useContext } from "react";
import type { Size } from "./crop-geometry";
import type { ProcessOperation } from "./edit-plan";

/** What the workspace shares with the cards beside the viewer (the refine panel, the download card). */
export interface ViewerContextValue {
  /** The picture's box in the viewer: layers painted on the large picture (the refine mask) go here. */
  surface: HTMLElement | null;
  /** The edits shown on the picture and not saved yet ("Crop 300 × 200", "Sepia"), in words, and what they make. */
  pending: string[];
  operations: ProcessOperation[];
  result: Size;
}

export const ViewerContext = createContext<ViewerContextValue>({ surface: null, pending: [], operations: [], result: { width: 0, height: 0 } });

export const useViewer = () => useContext(ViewerContext);
