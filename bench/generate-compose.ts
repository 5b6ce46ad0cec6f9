/**
 * Compose stacks of any size for the benchmark, shaped like real production files: a shared
 * header of anchors, a Postgres, MinIO with an app reading from it, and then a rotation of
 * service kinds (custom apps, workers, per-tenant databases, caches, dashboards) with comments,
 * merge keys, aliases, and environments in both the map and the list form. Deterministic: the
 * same count always gives the same bytes, so runs are comparable.
 */

const HEADER = `# Generated benchmark stack (compose-gate bench).
# Deploy: docker stack deploy -c docker-compose.yml bench

x-logging: &logging
  driver: json-file
  options:
    max-size: "10m"
    max-file: "3"

x-deploy: &deploy
  restart_policy:
    condition: on-failure
    max_attempts: 5
  resources:
    limits:
      memory: 512M

x-common-env: &common-env
  TZ: Europe/Berlin
  LOG_FORMAT: json

services:
  postgres:
    image: postgres:16.4
    environment:
      POSTGRES_USER: postgres
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
      POSTGRES_DB: app
    volumes:
      - pgdata:/var/lib/postgresql/data
    networks:
      - internal
    deploy:
      <<: *deploy
      placement:
        constraints:
          - node.labels.db == true
    logging: *logging

  minio:
    image: minio/minio:RELEASE.2024-08-17T01-24-54Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: \${MINIO_ROOT_USER}
      MINIO_ROOT_PASSWORD: \${MINIO_ROOT_PASSWORD}
    volumes:
      - minio:/data
    networks:
      - internal
    logging: *logging

  storage:
    image: nhost/storage:0.7.2
    command: serve
    depends_on:
      - postgres
      - minio
    environment:
      PUBLIC_URL: https://api.bench.example
      S3_ENDPOINT: http://minio:9000
      S3_ACCESS_KEY: \${MINIO_ROOT_USER}
      S3_SECRET_KEY: \${MINIO_ROOT_PASSWORD}
      S3_BUCKET: files
      S3_REGION: us-east-1
    networks:
      - internal
    logging: *logging
`;

const FOOTER = `
networks:
  internal:
    driver: overlay
  public:
    driver: overlay

volumes:
  pgdata:
  minio:
`;

/** The services of the header (postgres, minio, storage). */
export const HEADER_SERVICES = 3;

type Kind = (i: number, name: string) => string;

const pad = (i: number) => String(i).padStart(4, "0");

/** A custom app: map-form environment merging the shared anchor, a secret reference, a port. */
const app: Kind = (i, name) => `
  # API instance ${i}: talks to Postgres, served behind the proxy.
  ${name}:
    image: registry.bench.example/api:1.${i % 40}.${i % 7}
    depends_on:
      - postgres
    environment:
      <<: *common-env
      PORT: "${8000 + (i % 1000)}"
      DATABASE_URL: postgres://app:\${POSTGRES_PASSWORD}@postgres:5432/app
      SESSION_SECRET: \${SESSION_SECRET_${i}}
      FEATURE_FLAGS: 'search,export'
    networks:
      - internal
      - public
    deploy:
      <<: *deploy
      replicas: ${1 + (i % 3)}
      labels:
        - traefik.enable=true
        - traefik.http.routers.${name}.rule=Host(\`${name}.bench.example\`)
    logging: *logging
`;

/** A worker: list-form environment, a command, no ports. */
const worker: Kind = (i, name) => `
  ${name}:
    image: registry.bench.example/worker:2.${i % 11}
    command: ["node", "dist/worker.js", "--queue", "q${i}"]
    environment:
      - QUEUE=q${i}
      - CONCURRENCY=${1 + (i % 8)}
      - API_TOKEN=\${WORKER_TOKEN_${i}}
      - REDIS_URL=redis://cache-${pad(i)}:6379
    networks:
      - internal
    deploy: *deploy
    logging: *logging # same driver everywhere
`;

/** A tenant database: the official image reads *_FILE variables. */
const tenantDb: Kind = (i, name) => `
  ${name}:
    image: postgres:16.4
    environment:
      POSTGRES_USER: tenant${i}
      POSTGRES_PASSWORD: \${TENANT_${i}_DB_PASSWORD}
      POSTGRES_DB: tenant${i}
    volumes:
      - ${name}-data:/var/lib/postgresql/data
    networks:
      - internal
    deploy:
      <<: *deploy
    logging: *logging
`;

/** A cache with a healthcheck and no environment. */
const cache: Kind = (i, name) => `
  ${name}:
    image: redis:7.4-alpine
    command: redis-server --appendonly yes
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 10s
      timeout: 3s
      retries: 5
    networks:
      - internal
    logging: *logging
`;

/** A dashboard: Grafana reads GF_*__FILE variables. */
const dashboard: Kind = (i, name) => `
  ${name}:
    image: grafana/grafana:11.2.0
    environment:
      - GF_SECURITY_ADMIN_USER=admin
      - GF_SECURITY_ADMIN_PASSWORD=\${GRAFANA_${i}_PASSWORD}
      - GF_SERVER_ROOT_URL=https://grafana-${i}.bench.example
    networks:
      - internal
    deploy:
      <<: *deploy
    logging: *logging
`;

const KINDS: { prefix: string; render: Kind }[] = [
  { prefix: "api", render: app },
  { prefix: "worker", render: worker },
  { prefix: "api", render: app },
  { prefix: "tenant-db", render: tenantDb },
  { prefix: "cache", render: cache },
  { prefix: "worker", render: worker },
  { prefix: "dashboard", render: dashboard },
];

/** A stack of exactly `services` services (at least the three of the header). */
export function composeStack(services: number): string {
  const parts = [HEADER];
  const volumes: string[] = [];
  for (let i = 0; i < services - HEADER_SERVICES; i++) {
    const kind = KINDS[i % KINDS.length];
    const name = `${kind.prefix}-${pad(i)}`;
    parts.push(kind.render(i, name));
    if (kind.render === tenantDb) volumes.push(`  ${name}-data:\n`);
  }
  return parts.join("") + FOOTER + volumes.join("");
}

/**
 * The shape an adversarial run found quadratic (issue #19 item 12): as many Postgres services
 * as fit in `bytes`, each with a literal password, so every service is a conversion, a finding,
 * a new top-level secret and a SARIF fix. About 16 000 services at 1.8 MB.
 */
export function secretHeavyStack(bytes: number): string {
  let text = "# Generated benchmark stack (compose-gate bench): one literal password per service.\nservices:\n";
  for (let i = 0; text.length < bytes; i++) {
    text += `  db${i}:\n    image: postgres:16.4\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: pw-${i}-Xk2s9q\n`;
  }
  return text;
}
