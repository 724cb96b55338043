// A shell command inside a running container, its standard output returned: the container's own tools are the
// witness for what Berth wrote into it, and the way a test prepares files in it.
import type Docker from 'dockerode';

/** Runs `sh -c script` in the container and resolves with its standard output (standard error is dropped). */
export async function shellIn(docker: Docker, container: Docker.Container, script: string): Promise<string> {
  const exec = await container.exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    docker.modem.demuxStream(stream, { write: (b: Buffer) => out.push(b) } as never, { write: () => true } as never);
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return Buffer.concat(out).toString('utf8');
}
