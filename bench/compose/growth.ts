// One row of bench/compose's growth table: Berth's full diagnostics of an anchored file of N services, and after a
// one-character edit, timed in a process of its own. In the bench's process the peer's in-process language service and
// the other sizes' models fill the heap, and every garbage collection of a larger file pays for them.
//   node --import tsx bench/compose/growth.ts <services> <directory with the files beside compose.yaml>
// Prints one JSON line: medians of wall and CPU time (ms) for `full` and `incremental`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { composeDiagnostics } from '../../server/src/compose/diagnostics';
import { ServiceReuse } from '../../server/src/compose/diagnostics/reuse';
import { parseCompose } from '../../server/src/compose/parse/document';
import { diskFiles } from '../../test/unit/compose/helpers';
import { realisticCompose } from '../support/realistic';

const WARM_UPS = 3;
const RUNS = 15;
/** Every size's process first checks the same file this often: each row then starts from code compiled as far. */
const SHARED_WARM_UPS = 15;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const n = Number(process.argv[2]);
  const dir = process.argv[3];
  if (!n || !dir) throw new Error('usage: growth.ts <services> <directory>');
  const files = diskFiles();
  // The same warm-up in every process (a larger file alone would run the checking code more often, and compile more).
  const warmText = realisticCompose(200).text;
  const warmUri = pathToFileURL(path.join(dir, 'warm-up.yaml')).toString();
  let warm = parseCompose(warmText, warmUri);
  const warmReuse = new ServiceReuse();
  for (let i = 0; i < SHARED_WARM_UPS; i++) {
    composeDiagnostics(parseCompose(warmText, warmUri), files, {});
    warm = parseCompose(i % 2 ? warmText : warmText.replace('CACHE_TTL: "', 'CACHE_TTL: "x'), warmUri, warm);
    composeDiagnostics(warm, files, { reuse: warmReuse });
  }
  const text = realisticCompose(n).text;
  const uri = pathToFileURL(path.join(dir, `grow${n}.yaml`)).toString();
  // The editor's case: a character typed in the middle service, then deleted, each version built from the one before.
  const at = text.indexOf('CACHE_TTL: "', text.indexOf(`  svc${n / 2}:`)) + 'CACHE_TTL: "'.length;
  const typed = text.slice(0, at) + 'x' + text.slice(at);
  const reuse = new ServiceReuse();
  let model = parseCompose(text, uri);
  composeDiagnostics(model, files, { reuse });
  const wall = { full: [] as number[], incremental: [] as number[] };
  const cpu = { full: [] as number[], incremental: [] as number[] };
  const timed = (k: keyof typeof wall, keep: boolean, run: () => void) => {
    const c = process.cpuUsage();
    const t = performance.now();
    run();
    if (!keep) return;
    wall[k].push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu[k].push((d.user + d.system) / 1000);
  };
  for (let i = 0; i < WARM_UPS + RUNS; i++) {
    const keep = i >= WARM_UPS;
    timed('full', keep, () => composeDiagnostics(parseCompose(text, uri), files, {}));
    timed('incremental', keep, () => {
      model = parseCompose(i % 2 ? text : typed, uri, model);
      composeDiagnostics(model, files, { reuse });
    });
  }
  const figures = (k: keyof typeof wall) => ({ wall: median(wall[k]), cpu: median(cpu[k]) });
  console.log(JSON.stringify({ full: figures('full'), incremental: figures('incremental') }));
}

main();
