"use client";

import type { PaletteColor } from "@/components/api/types";
import { useToast } from "@/components/ui/toast";

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function inkOn([r, g, b]: [number, number, number]): string {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.4 ? "#18181b" : "#ffffff";
}

/** Copies text: the Clipboard API, else the old selection trick (plain HTTP on another host). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, not focused): try the fallback.
  }
  try {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  } catch {
    return false;
  }
}

const percent = (p: number) => (p >= 0.1 ? `${Math.round(p * 100)}%` : p >= 0.001 ? `${(p * 100).toFixed(1)}%` : "<0.1%");

/**
 * A palette as colour blocks, each as wide as its share of the picture (where known), with its name and hex;
 * each block is a button that copies its hex.
 */
export function PaletteSwatches({ colors, label, testId = "palette-swatches" }: { colors: PaletteColor[]; label: string; testId?: string }) {
  const notify = useToast();
  const copy = async (color: PaletteColor) => {
    if (await copyText(color.hex)) notify(`Copied ${color.hex} (${color.name})`);
    else notify(`Could not copy: the colour is ${color.hex}`, "error");
  };

  if (colors.length === 0) {
    return <p className="rounded-lg bg-raised px-3 py-4 text-center text-sm text-muted">No colours: the picture is fully transparent.</p>;
  }
  return (
    <ul aria-label={label} data-testid={testId} className="flex flex-wrap gap-2">
      {colors.map((color, i) => (
        <li
          key={`${color.hex}-${i}`}
          className="min-w-0"
          // Wider for a larger share: the spare room of a row goes to the colours by their share.
          style={{ flexGrow: color.proportion !== undefined ? Math.max(1, color.proportion * 100) : 10, flexBasis: "4.5rem" }}
        >
          <button
            type="button"
            data-testid="palette-swatch"
            data-hex={color.hex}
            onClick={() => void copy(color)}
            aria-label={`${color.name}, ${color.hex}${color.proportion !== undefined ? `, ${percent(color.proportion)} of the picture` : ""}. Copy the hex`}
            title={`Copy ${color.hex}`}
            className="group block w-full rounded-lg text-left outline-offset-2 focus-visible:outline-2"
          >
            <span
              className="relative block h-14 rounded-lg border border-black/10 shadow-xs transition-transform group-hover:-translate-y-0.5 group-active:translate-y-0 dark:border-white/10"
              style={{ backgroundColor: color.hex, color: inkOn(color.rgb) }}
            >
              {color.proportion !== undefined && <span className="absolute right-1.5 bottom-1 text-[10px] font-medium tabular-nums opacity-80">{percent(color.proportion)}</span>}
              <span className="absolute top-1 left-1.5 text-[10px] font-medium opacity-0 transition-opacity group-hover:opacity-80 group-focus-visible:opacity-80">Copy</span>
            </span>
            <span className="mt-1 block truncate text-xs font-medium capitalize">{color.name}</span>
            <span data-testid="palette-swatch-hex" className="block font-mono text-[11px] text-muted">
              {color.hex}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
