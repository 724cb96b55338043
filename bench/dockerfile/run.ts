// Dockerfile diagnostics benchmark: a generated 600-line multi-stage Dockerfile, full diagnostics by Berth
// (parse + model + every rule family) vs dockerfile-utils `validate` (rcjsuen's, used by Container Tools), in the
// same run. Prints medians, the ratio, and Berth's time after a one-character edit (a new document version is a
// full re-parse: there is no incremental state to keep consistent). Also dockerfile-ast's parse alone, the figure
// behind choosing our own parser.   npx tsx bench/dockerfile/run.ts
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { validate as peerValidate } from 'dockerfile-utils';
import { validateDockerfile } from '../../server/src/dockerfile/diagnostics';
import { parseDockerfile } from '../../server/src/dockerfile/document';
import { RULES } from '../../server/src/dockerfile/rules/catalog';

function stage(i: number): string[] {
  return [
    `# ---- stage ${i} ----`,
    `FROM --platform=$BUILDPLATFORM golang:1.22-bookworm AS build${i}`,
    'ARG TARGETOS',
    'ARG TARGETARCH',
    `ARG VERSION_${i}=1.${i}.0`,
    `ENV APP_HOME=/srv/app${i} \\`,
    '    CGO_ENABLED=0 \\',
    `    GOFLAGS="-trimpath"`,
    'WORKDIR $APP_HOME',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends \\',
    '        ca-certificates \\',
    '        curl \\',
    '        git \\',
    '    && rm -rf /var/lib/apt/lists/*',
    'COPY go.mod go.sum ./',
    'RUN --mount=type=cache,target=/go/pkg/mod \\',
    '    --mount=type=cache,target=/root/.cache/go-build \\',
    '    go mod download',
    'COPY . .',
    'RUN <<EOF',
    'set -e',
    `echo "building $VERSION_${i} for $TARGETOS/$TARGETARCH"`,
    `GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags "-X main.version=$VERSION_${i}" -o /out/app${i} ./cmd/app${i}`,
    'EOF',
    `LABEL org.opencontainers.image.version="\${VERSION_${i}}" \\`,
    `      org.opencontainers.image.title="app${i}"`,
    'HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://localhost:8080/health || exit 1',
    'EXPOSE 8080/tcp',
    i > 0 ? `COPY --from=build${i - 1} /out/app${i - 1} /usr/local/bin/` : 'COPY --chmod=0755 entrypoint.sh /usr/local/bin/',
    '',
  ];
}

function generate(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim', ''];
  for (let i = 0; out.length < lines - 8; i++) out.push(...stage(i));
  out.push('FROM ${BASE}', 'COPY --from=build0 /out/app0 /usr/local/bin/app', 'RUN useradd --system app', 'USER app', 'ENTRYPOINT ["app"]', 'CMD ["serve"]');
  while (out.length < lines) out.push('# padding');
  return out.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Medians of several functions measured in alternating blocks (30 runs of a, 30 of b, … repeated), so that load from
 * other processes on this shared machine hits every contender alike, while the garbage one contender leaves behind
 * is mostly collected inside its own block rather than charged to the next one.
 */
function timeAll(fns: Record<string, () => unknown>, runs: number): Record<string, number> {
  const names = Object.keys(fns);
  for (let i = 0; i < 30; i++) for (const n of names) fns[n](); // warm up
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const BLOCK = 30;
  for (let done = 0; done < runs; done += BLOCK) {
    for (const n of names) {
      for (let i = 0; i < BLOCK; i++) {
        const t0 = performance.now();
        fns[n]();
        samples[n].push(performance.now() - t0);
      }
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

const text = generate(600);
const lineCount = text.split('\n').length - 1;
const RUNS = Number(process.env.RUNS ?? 200);
// A one-character edit in the middle (a digit of a version), as a new document version would bring.
const mid = text.indexOf('1.10.0');
const edited = mid > 0 ? text.slice(0, mid) + '2' + text.slice(mid + 1) : text + '#';

const berthDiags = validateDockerfile(text);
const peerDiags = peerValidate(text);
const { berth, peer, berthEdit, berthParse, astParse } = timeAll({
  berth: () => validateDockerfile(text),
  peer: () => peerValidate(text),
  berthEdit: () => validateDockerfile(edited),
  berthParse: () => parseDockerfile(text),
  astParse: () => DockerfileParser.parse(text),
}, RUNS);

const berthRules = RULES.length + RULES.reduce((n, r) => n + (r.aliases?.length ?? 0), 0);
console.log(`Dockerfile: ${lineCount} lines, ${parseDockerfile(text).stages.length} stages; ${RUNS} runs each, medians`);
console.log(`  Berth full diagnostics          ${berth.toFixed(3)} ms  (${berthDiags.length} diagnostics, ${berthRules} rule codes)`);
console.log(`  dockerfile-utils validate       ${peer.toFixed(3)} ms  (${peerDiags.length} diagnostics, builder-error checks only)`);
console.log(`  ratio (peer / Berth)            ${(peer / berth).toFixed(1)}x`);
console.log(`  Berth after a one-char edit     ${berthEdit.toFixed(3)} ms`);
console.log(`  parse only: Berth model ${berthParse.toFixed(3)} ms vs dockerfile-ast ${astParse.toFixed(3)} ms (${(astParse / berthParse).toFixed(1)}x)`);
