import type { NextConfig } from "next";

// Security headers (docs/security.md "Security"). HTML pages get their nonce-based Content-Security-Policy (and
// HSTS behind https) per request from proxy.ts; everything static is here, applied by the router at no cost.

/** Every response: pages, API, static chunks, public files. */
const everywhere = [
  // Browsers must trust Content-Type and never guess a script or a page out of an image or a JSON body.
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Legacy twin of CSP frame-ancestors 'none': no site may frame the studio (clickjacking).
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  // Windows we open (or that open us) get no handle on ours.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** JSON and event streams: nothing in them may ever run or load anything, even opened as a document. */
const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/**
 * Stored image files (same value as `fileSecurityHeaders` in lib/images/files.ts, which the routes set too): an
 * image opened directly shows, but as a sandboxed document with no script, so an SVG or a mislabelled upload
 * cannot act on the app's origin. style-src 'unsafe-inline' is for the browser's own image-viewer styling.
 */
const filePolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Several builds side by side in one checkout (parallel end-to-end runs): NEXT_DIST_DIR=.next-<name>.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and engine packages stay outside the server bundle.
  serverExternalPackages: ["sharp", "@contentauth/c2pa-wasm", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: everywhere },
      // Headers set here win over a route handler's own, and for the same key the last matching rule wins: the
      // file routes' policy comes after the API one.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
      { source: "/api/v1/images/:id/file", headers: [{ key: "Content-Security-Policy", value: filePolicy }] },
      { source: "/api/files/:path*", headers: [{ key: "Content-Security-Policy", value: filePolicy }] },
      // Public files skip the proxy: the SVG icon gets the stored files' policy too.
      { source: "/favicon.svg", headers: [{ key: "Content-Security-Policy", value: filePolicy }] },
    ];
  },
  experimental: {
    // Uploads are streamed through our own size check; this only lifts the proxy's buffering cap.
    proxyClientMaxBodySize: "30mb",
  },
};

export default nextConfig;
