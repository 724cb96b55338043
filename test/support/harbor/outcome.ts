// What a call to Harbor came to, as one short string a test can compare: 'ok', or the kind of the HarborError Berth
// raised (with its HTTP status when the test asks for it). Anything that is not a HarborError is a bug in the test
// or in Berth, so it is thrown on, never turned into a string.
import { HarborError } from '../../../client/src/harbor/errors';

export async function harborOutcome(call: Promise<unknown>, options: { withStatus?: boolean } = {}): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (e) {
    if (!(e instanceof HarborError)) throw e;
    return options.withStatus ? `${e.kind} ${e.status ?? ''}`.trim() : e.kind;
  }
}
