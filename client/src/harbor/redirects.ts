// Harbor's redirects and the credentials they would carry: Berth never follows one while sending Basic auth, and
// says where to reconnect instead; connecting may follow one to the same host (see followableRedirect). Pure.
import { HarborError } from './errors';

/** An https:// instance answered with a redirect to http://: following it would send the credentials in clear. */
export function isDowngrade(instanceUrl: string, location: string): boolean {
  try {
    return new URL(instanceUrl).protocol === 'https:' && new URL(location, instanceUrl).protocol !== 'https:';
  } catch {
    return false;
  }
}

/** Whether connecting may follow a redirect from `from` to `to`: same host name, http(s), never https → http. */
export function followableRedirect(from: string, to: string | undefined): boolean {
  if (!to) return false;
  try {
    const a = new URL(from);
    const b = new URL(to);
    return /^https?:$/.test(b.protocol) && a.hostname === b.hostname && !isDowngrade(from, to);
  } catch {
    return false;
  }
}

/** The error for a 3xx answer to `requestUrl` on the instance at `instanceUrl`: where to reconnect, or why not. */
export function redirectRefusal(
  instanceUrl: string,
  requestUrl: string,
  location: string,
  status: number,
): HarborError {
  if (isDowngrade(instanceUrl, location)) {
    return new HarborError(
      'redirect',
      `Harbor at ${instanceUrl} redirects to plain HTTP (${safeOrigin(location, requestUrl)}). Berth does not send credentials over an unencrypted connection: set Harbor's external URL to https://, or reconnect with an http:// URL if you really mean plain HTTP.`,
      status,
    );
  }
  return Object.assign(
    new HarborError(
      'redirect',
      `Harbor redirects ${instanceUrl} to ${location}. Reconnect with ${safeOrigin(location, requestUrl)} so the credentials are sent to the right place.`,
      status,
    ),
    { redirectOrigin: safeOrigin(location, requestUrl) },
  );
}

function safeOrigin(location: string, base: string): string {
  try {
    return new URL(location, base).origin;
  } catch {
    return 'the URL Harbor redirects to';
  }
}
