// Byte counts for people, the way the docker CLI prints them: decimal units (1 kB = 1000 B), lower-case k.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 1234567 → "1.2 MB"; "?" for an unknown size. */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined || bytes < 0) return '?';
  let v = bytes;
  let u = 0;
  // 999,999 B is "1.0 MB", not "1000 kB": the unit goes up once the rounded value would reach 1000.
  while (Math.round(v) >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 10 || u === 0 ? Math.round(v) : v.toFixed(1)} ${UNITS[u]}`;
}
