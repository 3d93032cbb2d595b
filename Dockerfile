# Innovation graph API: production image.
#
#   docker build -t innovation-graph-api .
#   docker run --rm -p 127.0.0.1:4000:4000 \
#     -e NEO4J_URI=bolt://<host>:7687 -e NEO4J_USER=neo4j -e NEO4J_PASSWORD=<password> \
#     -e AUTH_JWT_SECRET="$(openssl rand -base64 48)" innovation-graph-api
#
# The API listens on 0.0.0.0 in the container, so authentication is required: AUTH_JWT_SECRET (32+ bytes) or
# AUTH_JWKS_URL (an identity provider); without either it refuses to start, saying so (README, "Access").
#
# NEO4J_URI is required in a container: without it the API tries to start the local Maven/Java launcher
# (tools/neo4j), which is not in this image. `docker compose up` (docker-compose.yml) sets it.
#
# Runtime layout (/app): package.json, package-lock.json, node_modules/ (production only), dist/src, dist/seed,
# schema/, cypher/, seed/. src/paths.ts finds the repository root as the nearest folder holding package.json, so
# dist/src/index.js reads /app/schema/*.graphql and /app/cypher/**/*.cypher.

# ---- build: compile TypeScript (tsconfig.build.json: src + seed -> dist/src, dist/seed) ----
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first, so this layer is reused while only the sources change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seed ./seed
RUN npm run build

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app

# Production dependencies only. No install script is needed at runtime (the only one among them,
# @apollo/protobufjs's postinstall, just prints version advice).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force

# Compiled code, plus the files the server reads at runtime relative to the repository root:
#   schema/*.graphql (src/graphql/buildSchema.ts), cypher/migrations and cypher/seed (src/db/migrations.ts,
#   seed/loadSeed.ts). seed/ holds only .ts today (compiled into dist/seed); it is copied so that reference data
#   files added there later are found at fromRoot('seed', ...) without changing this file.
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY cypher ./cypher
COPY public ./public
COPY seed ./seed

# Files stay owned by root (read-only for the app); the process runs unprivileged. The image's `node` user is uid 1000.
USER node

EXPOSE 4000

# Healthy only while /health/ready answers 200 (Neo4j reachable, migrations applied). No curl in the slim image:
# use Node's built-in fetch. The start period covers migrations and the demo-data load on an empty database.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/ready', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Node runs as PID 1; the server handles SIGTERM/SIGINT itself (drains requests, closes the driver, exits within 15 s).
CMD ["node", "dist/src/index.js"]
