// The page every Berth webview starts from: a document in the editor's language, a strict Content-Security-Policy,
// a nonce for the one script (and style) the page may run, and text escaped wherever it enters HTML. Pure: no
// vscode import, so the pages can be checked in plain Node.
import { randomBytes } from 'node:crypto';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A fresh nonce for one page's CSP. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The whole document: `head` and `body` are HTML already (everything in them escaped by the caller). */
export function webviewPage(p: { lang: string; csp: string; title: string; head: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(p.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${p.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
${p.head}
</head>
<body>
${p.body}
</body>
</html>`;
}
