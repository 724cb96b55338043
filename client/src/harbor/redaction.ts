// Masks secrets in text bound for an output channel. Pure: the unit tests use it directly.

const knownSecrets = new Set<string>();

/** Secrets to mask from now on (the ones stored or typed in this window). */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 3) knownSecrets.add(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const s of knownSecrets) out = out.split(s).join('••••');
  out = out.replace(/("?(?:password|secret|auth|identitytoken)"?\s*[:=]\s*"?)[^",\s}]+/gi, '$1••••');
  return out;
}
