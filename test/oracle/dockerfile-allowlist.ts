// Known, explained disagreements between Berth and the builder of dockerd 26 (the oracle layer, ./dockerfile.test.ts).
// Each entry says, in our own words, why the two differ on purpose. `matches` gets Berth's builder Error codes, the
// builder's message ('' when it accepted the file), the file text and the source line of each of Berth's Errors.
// When the builder accepts a file Berth rejects, each of Berth's Errors is matched on its own (one code, one line).
// Keep entries narrow: an entry that matches too much hides real disagreements.

export interface AllowlistEntry {
  cause: string;
  reason: string;
  matches(berthCodes: string[], oracleMessage: string, text: string, errorLines: string[]): boolean;
}

export const DOCKERFILE_ALLOWLIST: AllowlistEntry[] = [
  {
    cause: 'flag the builder of dockerd 26 does not know',
    reason:
      'dockerd 26 carries the instruction parser of an older BuildKit, built without some flags: COPY/ADD ' +
      '--parents and --exclude, ADD --unpack, RUN --device and RUN --security. Current Dockerfile frontends accept ' +
      'them (--security with the labs syntax), and Berth follows those.',
    matches: (codes, message) =>
      codes.length === 0 && /unknown flag: (parents|exclude|unpack|device|security)$/.test(message),
  },
  {
    cause: 'value with a variable',
    reason:
      'Berth does not judge a COPY --from or STOPSIGNAL value that holds a variable: it is known only when the ' +
      'image is built. The classic builder looks for an image literally named "$X", or finds the signal empty.',
    matches: (codes, message, text) =>
      codes.length === 0 &&
      (/invalid from flag value [^:\s]*\$/.test(message) ||
        (/invalid signal: $/i.test(message) && /^\s*STOPSIGNAL\s+\S*\$/im.test(text))),
  },
  {
    cause: 'COPY --from names an image the oracle cannot pull',
    reason:
      'A --from value that is no earlier stage is an image reference. The builder looks it up in a registry, ' +
      'which the oracle (without network on purpose) cannot reach; with network the build goes on. Berth reports only ' +
      'names that look like a misspelt stage.',
    matches: (codes, message) =>
      codes.length === 0 && /invalid from flag value .*(network is unreachable|dial tcp|lookup )/.test(message),
  },
  {
    cause: 'JSON array followed by more text',
    reason:
      'The parser in dockerd 26 read the first JSON value of an exec form and dropped what followed it, so ' +
      '`HEALTHCHECK CMD [] true` became an empty command. Dockerfile frontends since 1.10 (moby/buildkit 80518e257, ' +
      '"fix invalid usage of json.NewDecoder") refuse such JSON and take the whole text as shell form, which builds; ' +
      'Berth follows them and warns (MalformedExecForm).',
    matches: (codes, message, text) =>
      codes.length === 0 &&
      /Missing command after HEALTHCHECK CMD/.test(message) &&
      /^\s*HEALTHCHECK\b.*\bCMD\s+\[[^\n]*\]\s*\S/im.test(text),
  },
  {
    cause: 'flag value checked by BuildKit at dispatch',
    reason:
      'BuildKit parses --mount options, --chmod modes and ADD --checksum digests when it runs the step, not when ' +
      'it parses the file, and the classic builder refuses these flags at dispatch ("requires BuildKit") or fetches ' +
      'first, so it never judges the value. Berth reports a value BuildKit will reject before the build runs.',
    matches: (codes, message, _text, lines) =>
      message === '' &&
      codes.length === 1 &&
      codes[0] === 'InvalidFlagValue' &&
      lines.every((l) => /--(mount|chmod|checksum)=/i.test(l)),
  },
];
