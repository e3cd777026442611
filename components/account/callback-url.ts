/**
 * Where to go after signing in: only a path on this site. Anything else — an absolute URL, a protocol-relative
 * "//host", a backslash trick, the sign-in pages themselves — becomes "/". Shared by the server pages and the forms.
 */
export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value || typeof value !== "string" || value.length > 2000) return "/";
  // Only paths: "/x", never "//x" or "/\x" (browsers read both as another host).
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, "http://studio.invalid");
  } catch {
    return "/";
  }
  if (url.origin !== "http://studio.invalid") return "/";
  if (/^\/(sign-in|sign-up)(\/|$)/.test(url.pathname) || url.pathname.startsWith("/api/")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
