// Why a large image layer is large, where the instruction that made it says so clearly: the notes' own rules on
// package caches left behind, `apt-get update` without cleanup in the same RUN, and a broad `COPY .` without a
// .dockerignore. Pure (no vscode): the Layers view words each hint; the unit tests feed it instructions.

export type LayerHint =
  | 'apt-lists-left'
  | 'apt-cache-left'
  | 'apk-cache-left'
  | 'pip-cache-left'
  | 'npm-cache-left'
  | 'yum-cache-left'
  | 'broad-copy-without-dockerignore';

/** A layer smaller than this is not worth a hint. */
export const LARGE_LAYER_BYTES = 10 * 1000 * 1000;

export interface LayerHintContext {
  /** Whether the build context had a .dockerignore; undefined when the build is not known. */
  hasDockerignore?: boolean;
}

/** The hints for one layer, from the instruction as the history reads (instructionOf) or as the Dockerfile has it. */
export function layerHints(instruction: string, size: number, o: LayerHintContext = {}): LayerHint[] {
  if (size < LARGE_LAYER_BYTES) return [];
  const text = instruction.replace(/\s+/g, ' ').trim();
  const hints: LayerHint[] = [];
  if (/^RUN\b/i.test(text)) {
    // Each rule asks whether the same RUN cleans up; a later RUN cannot shrink this layer.
    if (/\bapt(-get)? update\b/.test(text) && !/rm -rf? [^;&|]*\/var\/lib\/apt\/lists/.test(text))
      hints.push('apt-lists-left');
    if (
      /\bapt(-get)? (-\S+ )*install\b/.test(text) &&
      !/\bapt(-get)? clean\b|rm -rf? [^;&|]*\/var\/cache\/apt/.test(text) &&
      !/--mount=type=cache/.test(text)
    )
      hints.push('apt-cache-left');
    if (
      /\bapk (-\S+ )*add\b/.test(text) &&
      !/--no-cache\b/.test(text) &&
      !/rm -rf? [^;&|]*\/var\/cache\/apk/.test(text)
    )
      hints.push('apk-cache-left');
    if (/\bpip3? (-\S+ )*install\b/.test(text) && !/--no-cache-dir\b|PIP_NO_CACHE_DIR|--mount=type=cache/.test(text))
      hints.push('pip-cache-left');
    if (
      /\bnpm (ci|install|i)\b/.test(text) &&
      !/\bnpm cache clean\b|rm -rf? [^;&|]*\.npm\b|--mount=type=cache/.test(text)
    )
      hints.push('npm-cache-left');
    if (/\b(yum|dnf|microdnf) (-\S+ )*install\b/.test(text) && !/\b(yum|dnf|microdnf) clean all\b/.test(text))
      hints.push('yum-cache-left');
  }
  // `COPY . dest`, `ADD . dest`, `COPY ./ dest` (with or without flags): the whole context, minus only what a
  // .dockerignore leaves out.
  if (o.hasDockerignore === false && /^(COPY|ADD)\b(\s+--\S+)*\s+\.\/?\s+\S+$/i.test(text))
    hints.push('broad-copy-without-dockerignore');
  return hints;
}
