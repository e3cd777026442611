/**
 * Helpers for e2e/references.spec.ts: solid-colour pictures uploaded through the API, and HTML5 drag and drop
 * between elements of the page (a gallery tile onto the prompt panel) or of files "from the desktop".
 */
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";

/** A solid-colour PNG, `size` pixels square. */
export const solidPng = (rgb: [number, number, number], size = 64) =>
  sharp({ create: { width: size, height: size, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();

/** Uploads a picture through POST /api/v1/images (multipart `file`); answers its id. */
export async function uploadPng(request: APIRequestContext, name: string, rgb: [number, number, number]): Promise<string> {
  const response = await request.post("/api/v1/images", { multipart: { file: { name, mimeType: "image/png", buffer: await solidPng(rgb) } } });
  expect(response.status(), await response.text()).toBe(201);
  return String((await response.json()).id);
}

/**
 * Drags `source` onto `target` with the browser's own drag and drop (Playwright drives Chromium's drag through
 * the mouse: dragstart on the tile fills a real DataTransfer, drop on the target reads it).
 */
export async function dragOnto(page: Page, source: Locator, target: Locator, position?: { x: number; y: number }) {
  await source.scrollIntoViewIfNeeded();
  await source.dragTo(target, { targetPosition: position });
}

/**
 * Drops files on an element as a browser does for a drag from the desktop: dragenter, dragover, drop, each with
 * one DataTransfer holding the files (a real OS drag cannot be driven from a test).
 */
export async function dropFiles(target: Locator, files: { name: string; type: string; base64: string }[]) {
  const dataTransfer = await target.page().evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return transfer;
  }, files);
  for (const type of ["dragenter", "dragover", "drop"]) await target.dispatchEvent(type, { dataTransfer });
}

/** Pastes files into a focused element, as ⌘/Ctrl+V with a copied picture does. */
export async function pasteFiles(target: Locator, files: { name: string; type: string; base64: string }[]) {
  await target.evaluate((el, list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, files);
}
