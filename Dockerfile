# Image Studio: one image for web instances and workers (docs/deploy.md, "Docker"). Untested here: the machines
# this project is developed on have no Docker engine. Build: docker build -t image-studio .
#   web:    docker run -p 3000:3000 --env-file studio.env image-studio
#   worker: docker run --env-file studio.env image-studio npm run worker
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Compilers for native modules without a prebuilt binary for this platform (better-sqlite3 falls back to a build).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY . .
# `npm ci` installs exactly the lock file's tree, and runs `prepare`: composes the Prisma schemas, generates both clients.
RUN npm ci --no-audit --no-fund \
 && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# jemalloc for every process that decodes images (web and workers): ~400 MB instead of ~1 GB resident.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libjemalloc2 \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s "$(find /usr/lib -name libjemalloc.so.2 | head -n 1)" /usr/local/lib/libjemalloc.so.2
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/app/data \
    LD_PRELOAD=/usr/local/lib/libjemalloc.so.2 \
    MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# start.mjs checks the configuration, applies migrations and runs `next start` (signals reach the server);
# --no-build serves the build made above.
CMD ["node", "scripts/start.mjs", "--no-build"]
