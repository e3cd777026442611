/** Class recipes shared by server and client components, so every control looks and focuses the same. */
type Variant = "primary" | "secondary" | "ghost" | "danger";
type Size = "sm" | "md";

const base =
  "inline-flex items-center justify-center gap-2 rounded-lg font-medium whitespace-nowrap transition-colors select-none " +
  "disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50";

const variants: Record<Variant, string> = {
  primary: "bg-accent text-accent-fg shadow-sm hover:bg-accent/90 active:bg-accent/80",
  secondary: "border border-line-strong bg-surface text-fg shadow-xs hover:bg-raised active:bg-line",
  ghost: "text-muted hover:bg-raised hover:text-fg",
  danger: "bg-danger text-white shadow-sm hover:bg-danger/90 dark:text-canvas",
};

const sizes: Record<Size, string> = { sm: "h-8 px-3 text-[13px]", md: "h-10 px-4 text-sm" };

export function buttonClass(variant: Variant = "secondary", size: Size = "md", extra = ""): string {
  return `${base} ${variants[variant]} ${sizes[size]} ${extra}`.trim();
}

export const inputClass =
  "h-10 rounded-lg border border-line-strong bg-surface px-3 text-sm text-fg shadow-xs placeholder:text-subtle " +
  "focus-visible:border-accent focus-visible:outline-2 focus-visible:outline-offset-0 disabled:opacity-60";

export const labelClass = "mb-1.5 block text-xs font-medium text-muted";

export const cardClass = "rounded-2xl border border-line bg-surface shadow-xs";
