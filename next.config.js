/** @type {import('next').NextConfig} */
const nextConfig = {
  // Yjs must be one instance per process (the collaboration server and the pages share it); the
  // database driver and the Prisma runtime are plain Node packages that should not be bundled.
  serverExternalPackages: ["yjs", "pg", "@prisma/client", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included); `npm start` should not repeat that.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with status 403 for members who may not see a page.
  experimental: { authInterrupts: true },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
