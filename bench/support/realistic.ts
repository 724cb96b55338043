// Generated files shaped like the ones people write, for the benchmarks: Compose with the everyday anchor and merge-key
// patterns, extends, profiles, interpolation in every field type and long environment blocks; Dockerfiles with many
// stages, ARG/ENV in every stage, heredocs, mounts, long continued RUNs, ONBUILD, escapes and comments.

/** A compose file of `services` services (about 30 lines each) and the files it names. */
export function realisticCompose(services: number): { text: string; files: Record<string, string> } {
  const out = [
    'name: shop',
    '',
    'x-logging: &default-logging',
    '  driver: json-file',
    '  options:',
    '    max-size: "${LOG_MAX_SIZE:-10m}"',
    '    max-file: "3"',
    '',
    'x-healthcheck: &healthcheck',
    '  interval: 30s',
    '  timeout: 5s',
    '  retries: 3',
    '  start_period: 10s',
    '',
    'x-common: &common',
    '  restart: unless-stopped',
    '  networks: [back]',
    '  environment: &common-env',
    '    TZ: ${TZ:-UTC}',
    '    LOG_LEVEL: ${LOG_LEVEL:-info}',
    '    OTEL_EXPORTER_OTLP_ENDPOINT: http://collector:4317',
    '',
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    out.push(`  svc${i}:`);
    out.push('    <<: *common');
    if (i % 4 === 0) {
      out.push(
        '    build:',
        '      context: .',
        '      target: runtime',
        '      args:',
        '        VERSION: ${VERSION:-1.0}',
        `        SERVICE: svc${i}`,
      );
    }
    if (i % 10 === 5) out.push('    extends:', '      file: common.yaml', '      service: base');
    out.push(`    image: registry.example.com/team/svc${i}:\${TAG:-latest}`);
    if (i % 3 === 0) out.push(`    profiles: [${i % 2 ? 'batch' : 'web'}]`);
    out.push(
      '    environment:',
      '      <<: *common-env',
      `      SERVICE_NAME: svc${i}`,
      '      DB_URL: postgres://${DB_USER:-app}@db:5432/app',
      `      WORKERS: \${WORKERS:-4}`,
      `      CACHE_TTL: "${60 + i}"`,
      '      FEATURE_FLAGS: ${FEATURE_FLAGS-}',
    );
    out.push('    ports:', `      - "\${BIND:-127.0.0.1}:${10000 + i}:8080"`);
    if (i > 0) out.push('    depends_on:', `      svc${i - 1}:`, '        condition: service_healthy');
    out.push(
      '    healthcheck:',
      '      <<: *healthcheck',
      '      test: ["CMD", "wget", "-q", "-O-", "http://localhost:8080/health"]',
    );
    out.push('    logging: *default-logging');
    out.push(
      '    deploy:',
      '      resources:',
      '        limits:',
      '          cpus: "${CPUS:-0.5}"',
      '          memory: 256M',
    );
    out.push('    volumes:', `      - data${i % 10}:/data`, '      - ./config:/etc/app:ro');
  }
  out.push('', 'networks:', '  back:', '', 'volumes:');
  for (let v = 0; v < 10; v++) out.push(`  data${v}:`);
  return {
    text: out.join('\n') + '\n',
    files: {
      'common.yaml': 'services:\n  base:\n    image: busybox\n    init: true\n',
      '.env': 'TAG=1.2.3\nTZ=Europe/Paris\n',
      Dockerfile: 'FROM alpine AS build\nARG VERSION\nARG SERVICE\nFROM alpine AS runtime\nARG VERSION\nARG SERVICE\n',
    },
  };
}

/** A Dockerfile of `stages` stages (about 19 lines each): 32 stages give about 600 lines. */
export function realisticDockerfile(stages: number): string {
  const out = [
    '# syntax=docker/dockerfile:1',
    '# check=skip=SecretsUsedInArgOrEnv',
    'ARG BASE_IMAGE=debian:bookworm-slim',
    'ARG GO_VERSION=1.22',
    'ARG APP_VERSION=0.0.0',
    '',
  ];
  for (let s = 0; s < stages; s++) {
    const base = s === 0 ? '${BASE_IMAGE}' : s % 3 === 0 ? `golang:\${GO_VERSION}-bookworm` : `stage${s - 1}`;
    out.push(`# Stage ${s}: builds part ${s}`);
    out.push(`FROM --platform=$BUILDPLATFORM ${base} AS stage${s}`);
    out.push(
      'ARG APP_VERSION',
      'ARG TARGETOS TARGETARCH',
      `ENV APP_HOME=/opt/app${s} \\`,
      `    PATH=/opt/app${s}/bin:$PATH`,
    );
    out.push(`WORKDIR \${APP_HOME}`);
    out.push(
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
      '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
      '    apt-get update \\',
      '    && apt-get install -y --no-install-recommends ca-certificates curl git \\',
      '    && rm -rf /var/lib/apt/lists/*',
    );
    out.push(`COPY --chown=1000:1000 src/part${s} ./src`);
    out.push(
      'RUN <<EOF',
      'set -eu',
      `echo "building part ${s} for \${TARGETOS}/\${TARGETARCH}"`,
      `GOOS=$TARGETOS make -C src VERSION=\${APP_VERSION}`,
      'EOF',
    );
    if (s % 4 === 1) out.push('ONBUILD COPY . /onbuild');
    if (s % 5 === 2) out.push(`LABEL org.opencontainers.image.version="\${APP_VERSION}" part="${s}"`);
  }
  out.push('FROM ${BASE_IMAGE} AS final');
  out.push(`COPY --from=stage${stages - 1} /opt/app${stages - 1} /opt/app`);
  out.push(
    'USER 1000:1000',
    'EXPOSE 8080/tcp',
    'HEALTHCHECK --interval=30s CMD ["/opt/app/bin/health"]',
    'ENTRYPOINT ["/opt/app/bin/app"]',
  );
  return out.join('\n') + '\n';
}
