// Shape families of hostile and oversized input, and a runner that asks every feature the client asks for when a
// file opens. Shared by the adversarial property test (unit layer: catches hangs) and bench/adversarial (measures
// growth as the input doubles). A shape is a function of its size n, so that "n → 2n" is a meaningful question.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AdapterContext, LanguageAdapter } from '../../server/src/lsp/adapter';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { dockerfileAdapter } from '../../server/src/dockerfile/adapter';
import { composeAdapter } from '../../server/src/compose/adapter';
import { dockerignoreAdapter } from '../../server/src/dockerignore/adapter';

export type Language = 'dockerfile' | 'dockercompose' | 'ignore-docker';

export interface Shape {
  name: string;
  language: Language;
  /** The file at size n, and other files of its folder (relative names), e.g. a .dockerignore beside a Dockerfile. */
  build(n: number): { text: string; files?: Record<string, string> };
  /** The size the bench starts from (it also measures 2n); chosen so that 2n stays at or under about 700 KB. */
  benchSize: number;
}

const rep = (s: string, n: number) => s.repeat(Math.max(0, n));
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

export const SHAPES: Shape[] = [
  // ── Dockerfile ──
  {
    name: 'df-arg-self-doubling',
    language: 'dockerfile',
    benchSize: 40,
    build: (n) => ({ text: `ARG A=${rep('$A', n)}\n${rep(`ARG A=${rep('$A', n)}\n`, 4)}FROM $A\nRUN echo $A\n` }),
  },
  {
    name: 'df-arg-chain-doubling',
    language: 'dockerfile',
    benchSize: 2000,
    build: (n) => ({
      text: `ARG A0=xy\n${lines(n, (i) => `ARG A${i + 1}=$A${i}\${A${i}}`)}\nFROM alpine:$A${n}\nCOPY $A${n} /x\n`,
    }),
  },
  {
    name: 'df-nested-default',
    language: 'dockerfile',
    benchSize: 20000,
    build: (n) => ({
      text: `FROM alpine\nENV X=${rep('${a:-', n)}z${rep('}', n)}\nRUN echo ${rep('${b:-', n)}z${rep('}', n)}\n`,
    }),
  },
  {
    name: 'df-unclosed-default',
    language: 'dockerfile',
    benchSize: 40000,
    build: (n) => ({ text: `FROM alpine\nENV X=${rep('${a:-', n)}\nLABEL y=${rep('${a:-', n)}\n` }),
  },
  {
    name: 'df-onbuild-chain',
    language: 'dockerfile',
    benchSize: 20000,
    build: (n) => ({ text: `FROM alpine\n${rep('ONBUILD ', n)}RUN true\n` }),
  },
  {
    name: 'df-spaces-cr-directive',
    language: 'dockerfile',
    benchSize: 200000,
    build: (n) => ({ text: `# a=${rep(' ', n)}\r x\n#${rep(' ', n)}\r\nFROM alpine\n` }),
  },
  {
    name: 'df-trailing-space-line',
    language: 'dockerfile',
    benchSize: 200000,
    build: (n) => ({ text: `FROM alpine\nRUN echo${rep(' ', n)}x${rep(' ', n)}\n` }),
  },
  {
    name: 'df-hadolint-ignore-block',
    language: 'dockerfile',
    benchSize: 15000,
    build: (n) => ({
      text: `${lines(n, () => '# hadolint ignore=DL3008,DL3009')}\nFROM alpine\n${lines(n, () => '# hadolint ignore=DL3003')}\nRUN cd /x\n`,
    }),
  },
  {
    name: 'df-unclosed-heredocs',
    language: 'dockerfile',
    benchSize: 10000,
    build: (n) => ({ text: `FROM alpine\n${lines(n, (i) => `RUN <<EOF${i} cat`)}\n` }),
  },
  {
    name: 'df-heredoc-storm',
    language: 'dockerfile',
    benchSize: 5000,
    build: (n) => ({
      text: `FROM alpine\n${lines(n, (i) => `RUN <<A${i} <<B${i} sh\necho $X\nA${i}\necho \${Y:-1}\nB${i}`)}\n`,
    }),
  },
  {
    name: 'df-many-stages',
    language: 'dockerfile',
    benchSize: 3000,
    build: (n) => ({
      text: `ARG BASE=alpine:3\nFROM $BASE AS s0\n${lines(n, (i) => `FROM s${i} AS s${i + 1}\nARG V${i}=\${BASE}\nCOPY --from=s${i} /a /b\nRUN echo $V${i}`)}\n`,
    }),
  },
  {
    name: 'df-long-run-continuations',
    language: 'dockerfile',
    benchSize: 20000,
    build: (n) => ({ text: `FROM alpine\nRUN set -e \\\n${lines(n, (i) => `  && echo ${i} $HOME \\`)}\n  && true\n` }),
  },
  {
    name: 'df-empty-continuations',
    language: 'dockerfile',
    benchSize: 30000,
    build: (n) => ({ text: `FROM alpine\nRUN a \\\n${rep('\n', n)}b\n` }),
  },
  {
    name: 'df-long-line',
    language: 'dockerfile',
    benchSize: 300000,
    build: (n) => ({ text: `FROM alpine\nRUN ${rep('a$B', Math.floor(n / 3))}\n` }),
  },
  {
    name: 'df-binary-crlf-tabs',
    language: 'dockerfile',
    benchSize: 100000,
    build: (n) => {
      let s = 'FROM alpine\r\n';
      for (let i = 0; s.length < n; i++) s += `RUN\t${String.fromCharCode((i * 7919) % 0xd7ff)}\u0000\t$\\\r\n`;
      return { text: s };
    },
  },
  {
    name: 'df-dockerignore-doublestar',
    language: 'dockerfile',
    benchSize: 12,
    build: (n) => ({
      text: `FROM alpine\nCOPY ${Array.from({ length: 24 }, () => 'a').join('/')}/y /dst\n`,
      files: { '.dockerignore': `${rep('**/', n)}z\n` },
    }),
  },
  {
    name: 'df-dockerignore-many',
    language: 'dockerfile',
    benchSize: 2000,
    build: (n) => ({
      text: `FROM alpine\n${lines(200, (i) => `COPY src/dir${i}/file${i}.txt /dst/`)}\n`,
      files: { '.dockerignore': lines(n, (i) => `**/build${i}/**/*.o\n!keep${i}`) },
    }),
  },
  {
    name: 'df-escape-storm',
    language: 'dockerfile',
    benchSize: 100000,
    build: (n) => ({ text: `# escape=\`\nFROM alpine\nRUN ${rep('``$', n)}\n` }),
  },
  {
    name: 'df-json-form-deep',
    language: 'dockerfile',
    benchSize: 100000,
    build: (n) => ({ text: `FROM alpine\nCMD ${rep('[', n)}"a"${rep(']', n)}\nENTRYPOINT ["${rep('\\"', n)}"]\n` }),
  },

  // ── Compose ──
  {
    name: 'co-anchor-services',
    language: 'dockercompose',
    benchSize: 1000,
    build: (n) => ({
      text: `x-base: &base\n  restart: unless-stopped\n  logging: &log\n    driver: json-file\n    options: { max-size: 10m }\nservices:\n${lines(n, (i) => `  s${i}:\n    <<: *base\n    image: busybox:\${TAG:-1}\n    logging: *log\n    environment:\n      A: "\${A${i}:-x}"`)}\n`,
    }),
  },
  {
    name: 'co-deep-flow-seq',
    language: 'dockercompose',
    benchSize: 20000,
    build: (n) => ({ text: `services:\n  a:\n    image: x\n    command: ${rep('[', n)}${rep(']', n)}\n` }),
  },
  {
    name: 'co-deep-flow-map',
    language: 'dockercompose',
    benchSize: 20000,
    build: (n) => ({ text: `services:\n  a:\n    image: x\n    labels: ${rep('{a: ', n)}1${rep('}', n)}\n` }),
  },
  {
    name: 'co-deep-block-map',
    language: 'dockercompose',
    benchSize: 1000,
    build: (n) => ({
      text: `services:\n  a:\n    image: x\n    x-deep:\n${lines(n, (i) => `${rep(' ', 6 + i)}k${i}:`)} 1\n`,
    }),
  },
  {
    name: 'co-alias-web',
    language: 'dockercompose',
    benchSize: 4000,
    build: (n) => ({
      text: `x-a0: &a0 [x]\n${lines(n, (i) => `x-a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`)}\nservices:\n  a:\n    image: x\n    command: *a${n}\n`,
    }),
  },
  {
    name: 'co-merge-chain',
    language: 'dockercompose',
    benchSize: 2000,
    build: (n) => ({
      text: `x-m0: &m0\n  image: x\n${lines(n, (i) => `x-m${i + 1}: &m${i + 1}\n  <<: *m${i}\n  k${i}: v`)}\nservices:\n  a:\n    <<: *m${n}\n`,
    }),
  },
  {
    name: 'co-depends-ring',
    language: 'dockercompose',
    benchSize: 2500,
    build: (n) => ({
      text: `services:\n${lines(n, (i) => `  s${i}:\n    image: x\n    depends_on: [s${(i + 1) % n}]`)}\n`,
    }),
  },
  {
    name: 'co-nested-interpolation',
    language: 'dockercompose',
    benchSize: 20000,
    build: (n) => ({ text: `services:\n  a:\n    image: "${rep('${a:-', n)}x${rep('}', n)}"\n` }),
  },
  {
    name: 'co-unclosed-interpolation',
    language: 'dockercompose',
    benchSize: 40000,
    build: (n) => ({
      text: `services:\n  a:\n    image: "${rep('${a:-', n)}"\n    environment: ["B=${rep('${', n)}"]\n`,
    }),
  },
  {
    name: 'co-long-line',
    language: 'dockercompose',
    benchSize: 300000,
    build: (n) => ({ text: `services:\n  a:\n    image: x\n    command: ${rep('a $$b ', Math.floor(n / 6))}\n` }),
  },
  {
    name: 'co-many-services',
    language: 'dockercompose',
    benchSize: 2500,
    build: (n) => ({
      text: `services:\n${lines(n, (i) => `  s${i}:\n    image: busybox\n    ports: ["${1000 + i}:80"]\n    networks: [n${i % 7}]\n    depends_on: { s${Math.max(0, i - 1)}: { condition: service_started } }`)}\nnetworks:\n${lines(7, (i) => `  n${i}: {}`)}\n`,
    }),
  },
  {
    name: 'co-binary-crlf-tabs',
    language: 'dockercompose',
    benchSize: 100000,
    build: (n) => {
      let s = 'services:\r\n  a:\r\n    image: x\r\n';
      for (let i = 0; s.length < n; i++) s += `    x-${i}:\t"${String.fromCharCode((i * 7919) % 0xd7ff)}\u0000"\r\n`;
      return { text: s };
    },
  },
  {
    name: 'co-multi-document',
    language: 'dockercompose',
    benchSize: 5000,
    build: (n) => ({ text: lines(n, (i) => `services:\n  s${i}:\n    image: x\n---`) }),
  },

  // ── .dockerignore ──
  {
    name: 'di-doublestar',
    language: 'ignore-docker',
    benchSize: 40000,
    build: (n) => ({ text: `${rep('**/', n)}z\n${rep('[', n)}\n` }),
  },
  {
    name: 'di-many-lines',
    language: 'ignore-docker',
    benchSize: 40000,
    build: (n) => ({ text: lines(n, (i) => (i % 2 ? `!keep/${i}/**` : `build/**/*.${i}[a-z]`)) }),
  },
];

const ADAPTERS: Record<Language, LanguageAdapter> = {
  dockerfile: dockerfileAdapter,
  dockercompose: composeAdapter,
  'ignore-docker': dockerignoreAdapter,
};
const FILE_NAMES: Record<Language, string> = {
  dockerfile: 'Dockerfile',
  dockercompose: 'compose.yaml',
  'ignore-docker': '.dockerignore',
};

let runCounter = 0;

/** An adapter context over an in-memory folder: nothing on disk is read. */
export function memoryContext(folder: string, files: Record<string, string>): AdapterContext {
  const byUri = new Map(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text]));
  return {
    settings: () => DEFAULT_SETTINGS,
    readFile: (uri) => byUri.get(uri),
    // The folder and its subfolders exist too (build contexts are folders).
    exists: (uri) =>
      byUri.has(uri) ||
      uri === folder ||
      uri === `${folder}/` ||
      [...byUri.keys()].some((k) => k.startsWith(`${uri}/`)),
    listDir: () => [...byUri.keys()].map((u) => ({ name: u.slice(folder.length + 1), isDirectory: false })),
    engineImages: () => [{ repository: 'busybox', tags: ['1'] }],
    openDocuments: () => [],
  };
}

/**
 * The time of each feature, in ms, for one fresh document (the first feature pays for the parse): summed over its
 * calls, and (`max:feature`) its slowest single call, which is what a user waits for.
 */
export type FeatureTimes = Record<string, number>;

/**
 * Asks every feature the client asks for when a file opens, plus hover and completion at a spread of positions,
 * on a new document. Returns each feature's time; throws whatever a feature throws.
 */
export async function everyFeature(shape: Shape, n: number): Promise<FeatureTimes> {
  const { text, files = {} } = shape.build(n);
  const folder = `file:///adversarial/${shape.name}-${++runCounter}`;
  const uri = `${folder}/${FILE_NAMES[shape.language]}`;
  const doc = TextDocument.create(uri, shape.language, 1, text);
  const ctx = memoryContext(folder, { ...files, [FILE_NAMES[shape.language]]: text });
  const adapter = ADAPTERS[shape.language];
  const times: FeatureTimes = {};
  const td = { uri };
  const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await f();
    const ms = performance.now() - t;
    times[name] = (times[name] ?? 0) + ms;
    times[`max:${name}`] = Math.max(times[`max:${name}`] ?? 0, ms);
    return r;
  };
  const diagnostics = (await time('diagnostics', () => adapter.diagnostics(doc, ctx))) as Diagnostic[];
  await time('documentLink', () => adapter.documentLink?.(doc, { textDocument: td }, ctx));
  await time('documentSymbol', () => adapter.documentSymbol?.(doc, { textDocument: td }, ctx));
  await time('semanticTokens', () => adapter.semanticTokens?.(doc, { textDocument: td }, ctx));
  await time('foldingRange', () => adapter.foldingRange?.(doc, { textDocument: td }, ctx));
  await time('codeLens', () => adapter.codeLens?.(doc, { textDocument: td }, ctx));
  await time('formatting', () =>
    adapter.formatting?.(doc, { textDocument: td, options: { tabSize: 2, insertSpaces: true } }, ctx),
  );
  const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
  await time('codeAction', () =>
    adapter.codeAction?.(doc, { textDocument: td, range: whole, context: { diagnostics } }, ctx),
  );
  for (const position of spread(doc)) {
    const p = { textDocument: td, position };
    await time('hover', () => adapter.hover?.(doc, p, ctx));
    await time('completion', () => adapter.completion?.(doc, p, ctx));
    await time('definition', () => adapter.definition?.(doc, p, ctx));
    await time('documentHighlight', () => adapter.documentHighlight?.(doc, p, ctx));
  }
  adapter.forget?.(uri);
  return times;
}

/** Positions at the start, middle and end of the first, middle and last lines, and of the longest line. */
function spread(doc: TextDocument): { line: number; character: number }[] {
  const text = doc.getText();
  const all = text.split('\n');
  let longest = 0;
  all.forEach((l, i) => {
    if (l.length > all[longest].length) longest = i;
  });
  const out: { line: number; character: number }[] = [];
  for (const line of new Set([0, Math.floor(all.length / 2), Math.max(0, all.length - 2), longest])) {
    const len = all[line].length;
    for (const character of new Set([0, Math.floor(len / 2), len])) out.push({ line, character });
  }
  return out;
}
