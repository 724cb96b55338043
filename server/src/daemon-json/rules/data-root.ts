// data-root: a relative path works, but against whatever directory dockerd happens to start in.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import type { Collector } from '../collector';
import { str } from '../option-nodes';

export function checkDataRoot(c: Collector, dataRoot: Node | undefined) {
  if (str(dataRoot) && !str(dataRoot)!.startsWith('/'))
    c.warning(
      dataRoot!,
      'relative-data-root',
      l10n.t(
        'data-root should be an absolute path; "{0}" depends on the directory dockerd happens to start in.',
        String(str(dataRoot)),
      ),
    );
}
