import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and engine packages stay outside the server bundle.
  serverExternalPackages: ["sharp", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  typedRoutes: false,
  experimental: {
    // Uploads are streamed through our own size check; this only lifts the proxy's buffering cap.
    proxyClientMaxBodySize: "30mb",
  },
};

export default nextConfig;
