import { env } from "@/lib/env";

/**
 * The entry of a comma-separated X-Forwarded-* header that the `hops` trusted proxies in front of us added: each
 * proxy appends what it saw, so the one `hops` from the right came from the outermost trusted proxy; anything left
 * of it came from the client and may be forged. A header with fewer entries was set whole by a proxy (overwritten,
 * not appended): its first entry. Null without trusted proxies or without the header.
 */
export function trustedForwarded(request: Request, header: string, hops = env().TRUST_PROXY): string | null {
  if (!hops) return null;
  const entries = (request.headers.get(header) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (!entries.length) return null;
  return entries.length >= hops ? entries[entries.length - hops] : entries[0];
}

/** host, host:port, [v6]:port — no userinfo, path or spaces; lower-cased. Null for anything else. */
function validHost(value: string | null | undefined): string | null {
  if (!value || value.length > 255) return null;
  const host = value.trim().toLowerCase();
  return /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host) ? host : null;
}

const validProto = (value: string | null | undefined) => (value === "http" || value === "https" ? value : null);

/**
 * The origin clients reached us at: PUBLIC_URL when set; else the request's own Host header (a browser always sends
 * the one it used) and scheme. X-Forwarded-Host and -Proto count only with TRUST_PROXY, and then only the entries
 * the trusted proxies added. Next builds `request.url` from its own listening name (localhost), so it is the last
 * resort, not the answer.
 */
export function baseUrlOf(request: Request): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  const url = new URL(request.url);
  const host = validHost(trustedForwarded(request, "x-forwarded-host")) ?? validHost(request.headers.get("host")) ?? url.host;
  const proto = validProto(trustedForwarded(request, "x-forwarded-proto")?.toLowerCase()) ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
