// Logging: dockerd's own log level, read with the file, and the log driver's options, some checked when dockerd
// starts and the rest only when a container's logger is created.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import type { Collector } from '../collector';
import { LOG_OPTS_BY_DRIVER } from '../options';
import { str } from '../option-nodes';

const LOG_LEVELS = ['panic', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];
// docker/go-units RAMInBytes and FromHumanSize, which log-opts max-size and default-shm-size go through.
const SIZE = /^[0-9]+(\.[0-9]+)? ?[kKmMgGtTpP]?[iI]?[bB]?$/;
// Drivers whose options dockerd checks when it starts: an unknown key stops it.
const STRICT_LOG_DRIVERS = new Set(['json-file', 'local']);

export function checkLogLevel(c: Collector, level: Node | undefined) {
  if (str(level) && !LOG_LEVELS.includes(str(level)!.toLowerCase()))
    c.error(
      level!,
      'invalid-log-level',
      'validate',
      l10n.t('Unknown log level "{0}": use one of {1}.', String(str(level)), LOG_LEVELS.join(', ')),
    );
}

export function checkLogOpts(c: Collector, driver: string, logOpts?: Node) {
  if (logOpts?.type !== 'object') return;
  const known = LOG_OPTS_BY_DRIVER[driver];
  for (const property of logOpts.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value || value.type !== 'string') continue;
    const name = key.value as string;
    const text = value.value as string;
    if (known && STRICT_LOG_DRIVERS.has(driver) && !(name in known))
      c.error(
        key,
        'unknown-log-opt',
        'start',
        l10n.t(
          'The {0} log driver has no option "{1}": dockerd refuses to start. It takes {2}.',
          driver,
          name,
          Object.keys(known).join(', '),
        ),
      );
    if (name === 'max-size' && text !== '-1' && !SIZE.test(text))
      c.error(
        value,
        'invalid-size',
        'containers',
        l10n.t('max-size needs a number with a unit, like "10m" or "1g"; "{0}" is not one.', text),
      );
    if (name === 'max-file' && !/^[1-9][0-9]*$/.test(text))
      c.error(value, 'invalid-log-opt', 'containers', l10n.t('max-file is a count of files, like "3".'));
  }
}
