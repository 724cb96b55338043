// Which image a reference names right now, asked before and after a change (a push's tag, a load's or import's
// tags) so that the change can be reported or undone exactly.
import type Docker from 'dockerode';

/** The image id `reference` names, or undefined when it names none. */
export function imageIdOf(docker: Docker, reference: string): Promise<string | undefined> {
  return docker
    .getImage(reference)
    .inspect()
    .then(
      (i) => i.Id,
      () => undefined,
    );
}
