# syntax=docker/dockerfile:1
# The App's container: handoff's own webhook server (`handoff serve`; why this one: docs/deploy.md).
# The steps are exactly those of the smoke test (scripts/smoke.mjs, run by .ci/run): pack the package, then install
# the tarball into an empty directory with production dependencies only. So the image holds what `npm publish`
# would ship, nothing from the development clone.
#
#   docker build -t handoff .
#   docker run -p 3000:3000 --env-file .env handoff

# ---- build: compile and pack (needs the dev dependencies: TypeScript) ----
FROM node:24-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund
RUN npm pack --silent --pack-destination /tmp/pack && mv /tmp/pack/*.tgz /tmp/handoff.tgz

# ---- runtime: the packed package, production dependencies only, a non-root user ----
FROM node:24-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /tmp/handoff.tgz /tmp/handoff.tgz
RUN echo '{"name":"handoff-app","private":true}' > package.json \
 && npm install --omit=dev --no-audit --no-fund /tmp/handoff.tgz \
 && npm cache clean --force \
 && rm /tmp/handoff.tgz
# The `node` user (uid 1000) comes with the official image; it owns nothing in /app, so the App cannot rewrite
# its own code. Configuration comes from the environment (a `.env` in /app is read too, if you mount one).
USER node
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node_modules/.bin/handoff", "serve"]
