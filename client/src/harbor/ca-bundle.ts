// Which certificate authorities to trust for an instance configured with its own CA file (caFile in
// berth.harbor.tls), and the checks that keep a wrong path from becoming a confusing TLS failure. Pure Node.
import { readFileSync, statSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { HarborError } from './errors';

/** A CA file may be this large at most (a bundle of a few hundred certificates); anything larger is not a CA file. */
export const MAX_CA_FILE_BYTES = 1024 * 1024;

/**
 * The CAs to trust for an instance with a caFile: the system's (Node's bundled roots) plus the file's PEM, so that
 * adding a CA does not stop trusting everything else. The file must be a regular file of at most 1 MB holding PEM.
 */
export function caBundle(caFile: string): string[] {
  const where = `The CA file ${caFile} (caFile in berth.harbor.tls)`;
  let size: number;
  try {
    const st = statSync(caFile);
    if (!st.isFile())
      throw new HarborError(
        'tls',
        `${where} is not a regular file. Point caFile at a PEM file with the CA certificate.`,
      );
    size = st.size;
  } catch (e) {
    if (e instanceof HarborError) throw e;
    throw new HarborError(
      'tls',
      `${where} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Check the path in the setting.`,
    );
  }
  if (size > MAX_CA_FILE_BYTES)
    throw new HarborError(
      'tls',
      `${where} is ${Math.round(size / 1024)} KB, more than a CA file can be (1 MB at most). Point caFile at the PEM file with the CA certificate.`,
    );
  const pem = readFileSync(caFile, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new HarborError('tls', `${where} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  return [...rootCertificates, pem];
}
