// A request body as the stand-in reads it: a JSON object, or undefined for anything else (bad JSON, an array, a
// scalar), which the routes answer with Harbor's 400, as Harbor does.

export function jsonObjectBody(body: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
