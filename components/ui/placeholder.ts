import { thumbHashToDataURL } from "thumbhash";

const cache = new Map<string, string>();

/** The ThumbHash (base64) as a tiny PNG data URL to paint before the real image arrives; null when absent or bad. */
export function placeholderDataUrl(hash: string | null | undefined): string | null {
  if (!hash) return null;
  const hit = cache.get(hash);
  if (hit) return hit;
  try {
    const bytes = Uint8Array.from(atob(hash), (c) => c.charCodeAt(0));
    const url = thumbHashToDataURL(bytes);
    cache.set(hash, url);
    return url;
  } catch {
    return null;
  }
}
