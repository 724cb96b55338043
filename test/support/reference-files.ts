// The upstream documents a few tests read as judges: the Compose JSON schema and Harbor's API description. They are
// not part of the repository and are never copied into it; docs/reference-files.md says what each one is, which
// version, and where to get it. This module is the only place that knows where they are, and applies the CI rule when
// one is missing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { skipOutsideCi } from './skip-outside-ci';

const root = path.resolve(__dirname, '../..');

/** BERTH_REFERENCE_DIR, else the folder the development machines and CI provide beside the checkout. */
export const REFERENCE_DIR = process.env.BERTH_REFERENCE_DIR ?? path.resolve(root, '..', 'shared', 'reference');

export const REFERENCE_FILES = {
  composeSchema: 'compose-spec/compose-spec.json',
  harborSwagger: 'harbor/swagger.yaml',
} as const;

/**
 * The text of one reference file, or undefined when it is absent: then the caller skips, after this has printed
 * the loud SKIPPED banner (outside CI) or thrown (in CI).
 */
export function readReferenceFile(file: keyof typeof REFERENCE_FILES, what: string): string | undefined {
  const full = path.join(REFERENCE_DIR, REFERENCE_FILES[file]);
  if (existsSync(full)) return readFileSync(full, 'utf8');
  skipOutsideCi(what, `${full} is absent (see docs/reference-files.md; BERTH_REFERENCE_DIR names the folder)`);
  return undefined;
}
