/**
 * The studio's keyboard shortcuts, one list for the handler and the "?" dialog. Single keys work anywhere
 * except while typing in a field; `g` then a letter goes to a page.
 *
 * Pages take part through data attributes, so no component needs to know this one:
 * - `data-shortcut="search"` on a search field: `/` focuses it (else the page's first `input[type=search]`);
 * - `data-shortcut="prompt"` on a prompt field: `n` focuses it (from another page, `n` opens the gallery first).
 */
export interface Shortcut {
  /** Keys pressed one after the other ("g", "c") or together ("Ctrl", "Enter"). */
  keys: string[];
  together?: boolean;
  label: string;
  group: "Anywhere" | "Go to" | "In a prompt" | "On an image";
}

/** Dispatched on `window` to open the shortcuts dialog from a button. */
export const showShortcutsEvent = "studio:show-shortcuts";

export const goTo: Record<string, { path: string; label: string }> = {
  h: { path: "/", label: "the gallery" },
  c: { path: "/compare", label: "Compare" },
  u: { path: "/usage", label: "Usage" },
  s: { path: "/settings", label: "API keys & limits" },
};

export const shortcuts: Shortcut[] = [
  { keys: ["/"], label: "Search the gallery", group: "Anywhere" },
  { keys: ["n"], label: "Write a new prompt", group: "Anywhere" },
  { keys: ["?"], label: "Show these shortcuts", group: "Anywhere" },
  { keys: ["Esc"], label: "Close a dialog or menu", group: "Anywhere" },
  ...Object.entries(goTo).map(([key, to]): Shortcut => ({ keys: ["g", key], label: `Go to ${to.label}`, group: "Go to" })),
  { keys: ["Ctrl/⌘", "Enter"], together: true, label: "Generate (Enter alone works too; Shift+Enter is a new line)", group: "In a prompt" },
  { keys: ["Alt", "↑"], together: true, label: "The previous prompt from your history (Alt+↓ goes back to your draft)", group: "In a prompt" },
  // The viewer's keys (components/image/viewer-keys.ts).
  { keys: ["← →"], label: "The previous / next image of the gallery (they move the picture when zoomed in)", group: "On an image" },
  { keys: ["+ − 0"], label: "Zoom in, out, fit (or the wheel; double-click for 100 %)", group: "On an image" },
  { keys: ["Esc"], label: "Back to the gallery where you were (closes the editor first)", group: "On an image" },
  { keys: ["e"], label: "Edit: crop, resize, filters", group: "On an image" },
  { keys: ["f"], label: "Favourite", group: "On an image" },
  { keys: ["1…5"], label: "Rate (the same number again clears the rating)", group: "On an image" },
];

/** Whether a key press is typing: into a field, an editable element, or a control that uses keys itself. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"].includes(type);
}
