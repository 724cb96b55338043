// A raw request through a dockerode's own connection (socket, TCP+TLS or ssh), for what dockerode has no method
// for or gets wrong: an attach without a body (exec.ts), Podman's libpod paths (podman.ts).
import type Docker from 'dockerode';

/** docker-modem's dial: `options` become the query string; the answer is the parsed body, or the stream. */
export function dial<T>(docker: Docker, request: object): Promise<T> {
  return new Promise((resolve, reject) => {
    (docker.modem as unknown as { dial(o: object, cb: (err: unknown, data: T) => void): void }).dial(
      request,
      (err, data) => (err ? reject(err) : resolve(data)),
    );
  });
}
