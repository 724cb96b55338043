// The language of the server's messages (diagnostics, hover and completion text, code-action and code-lens titles).
// Messages go through @vscode/l10n's `l10n.t('English {0}', arg)`; this module picks the bundle it reads. One process
// serves one language: the client's `locale` from `initialize` (or `initializationOptions.locale`, or the standalone
// server's and `berth lint`'s `--locale`). The Chinese bundle is imported so that esbuild inlines it in dist/.
import * as l10n from '@vscode/l10n';
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';

/** The languages Berth's messages exist in; codes, rule names and links are the same in each. */
export type MessageLocale = 'en' | 'zh-cn';

const CHINESE = new Set(['zh-cn', 'zh-hans', 'zh-hans-cn']);
let current: MessageLocale = 'en';

/** The message language for a locale tag: Simplified Chinese for zh-cn / zh-hans (any case, `-` or `_`), else English. */
export function messageLocale(tag: string | undefined): MessageLocale {
  return tag && CHINESE.has(tag.trim().toLowerCase().replace(/_/g, '-')) ? 'zh-cn' : 'en';
}

/** Speak the language of `tag` from now on; returns the language chosen. */
export function useLocale(tag: string | undefined): MessageLocale {
  current = messageLocale(tag);
  l10n.config({ contents: current === 'zh-cn' ? (zhCn as Record<string, string>) : {} });
  return current;
}

/** The language messages are in now (part of the key of anything that remembers a message). */
export function currentLocale(): MessageLocale {
  return current;
}

/**
 * The translation of a text kept in a data table (Compose spec descriptions, instruction and flag documentation):
 * those tables are built when their modules load, before the locale is known, so they hold the English and are
 * translated where they are shown. The completeness test walks the tables for these keys.
 */
export function translated(english: string): string {
  return l10n.t(english);
}

/** `--locale TAG` or `--locale=TAG` among a process's arguments (the standalone server's command line). */
export function localeArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--locale') return argv[i + 1];
    if (arg.startsWith('--locale=')) return arg.slice('--locale='.length);
  }
  return undefined;
}

/** `initializationOptions.locale`, which a client may send beside Berth's settings. */
export function initializationLocale(options: unknown): string | undefined {
  const locale = (options as { locale?: unknown } | null | undefined)?.locale;
  return typeof locale === 'string' ? locale : undefined;
}
