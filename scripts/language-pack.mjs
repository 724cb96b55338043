// A workbench in another display language: VS Code switches its own language, and with it the language it hands
// extensions (package.nls.<locale>.json, l10n/bundle.l10n.<locale>.json), only when a language pack for that locale
// is installed; `--locale` alone leaves everything in English. The marketplace packs cannot be fetched here, so
// this writes a minimal one: a language-pack extension whose workbench translations are empty (VS Code's own menus
// stay English) but which makes the locale the workbench's language, which is all an extension's translations need.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PUBLISHER = 'berth-test';
const VERSION = '0.0.1';

/**
 * Installs a minimal language pack for `locale` (e.g. zh-cn) into `extensionsDir` and registers it in the profile's
 * languagepacks.json, as VS Code does when it installs one, so that the server finds it on its first page load.
 */
export function installLanguagePack(locale, { userDataDir, extensionsDir, label = locale }) {
  const name = `display-language-${locale}`;
  const dir = path.join(extensionsDir, `${PUBLISHER}.${name}-${VERSION}`);
  const mainTranslations = path.join(dir, 'translations', 'main.i18n.json');
  mkdirSync(path.dirname(mainTranslations), { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name,
        publisher: PUBLISHER,
        version: VERSION,
        engines: { vscode: '*' },
        categories: ['Language Packs'],
        contributes: {
          localizations: [
            {
              languageId: locale,
              languageName: label,
              localizedLanguageName: label,
              translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
            },
          ],
        },
      },
      null,
      1,
    ),
  );
  writeFileSync(mainTranslations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const id = `${PUBLISHER}.${name}`;
  mkdirSync(userDataDir, { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: createHash('md5').update(id).update(VERSION).digest('hex'),
        extensions: [{ extensionIdentifier: { id }, version: VERSION }],
        translations: { vscode: mainTranslations },
        label,
      },
    }),
  );
}
