// The bundled server (dist/server.js --stdio) speaks the client's language: Chinese when initialize says `locale:
// zh-cn` (or initializationOptions.locale, or the command line's --locale), English otherwise. Codes stay the same.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp-session';

const DOCKERFILE = 'FROM alpine:3.20 AS Build\nRUNN echo hi\nCOPY --chown=app . /app\n';
const COMPOSE = 'services:\n  web:\n    image: nginx\n    restart: sometimes\n';
const CHINESE = /[\u4e00-\u9fff]/;

/** What a session says about the Dockerfile and the compose file: its diagnostics and two hovers. */
async function answers(lsp: LspSession, folder: string) {
  const dockerfile = `file:///tmp/berth-l10n/${folder}/Dockerfile`;
  const compose = `file:///tmp/berth-l10n/${folder}/compose.yaml`;
  const dockerDiags = await lsp.openAndWait(dockerfile, 'dockerfile', DOCKERFILE);
  const composeDiags = await lsp.openAndWait(compose, 'dockercompose', COMPOSE);
  const hover = async (uri: string, line: number, character: number) => {
    const h = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    });
    const c = h?.contents as { value?: string } | undefined;
    return c?.value ?? '';
  };
  return {
    unknown: dockerDiags.find((d) => d.code === 'UnknownInstruction'),
    casing: dockerDiags.find((d) => d.code === 'StageNameCasing'),
    restart: composeDiags.find((d) => d.code === 'invalid-value'),
    fromHover: await hover(dockerfile, 0, 1),
    chownHover: await hover(dockerfile, 2, 8),
    restartHover: await hover(compose, 3, 6),
  };
}

describe('berth-language-server localisation', () => {
  const sessions: LspSession[] = [];
  after(async () => {
    await Promise.all(sessions.map((s) => s.stop()));
  });
  const start = async (...args: Parameters<typeof LspSession.start>) => {
    const s = await LspSession.start(...args);
    sessions.push(s);
    return s;
  };

  it('answers in English without a locale', async () => {
    const a = await answers(await start(), 'en');
    assert.equal(a.unknown?.message, 'Unknown instruction: RUNN (did you mean RUN?)');
    assert.equal(a.casing?.message, 'Stage name "Build" should be lowercase.');
    assert.equal(
      a.restart?.message,
      '"sometimes" is not a restart policy: use no, always, on-failure[:max-retries] or unless-stopped.',
    );
    assert.match(a.fromHover, /Starts a new build stage/);
    assert.match(a.chownHover, /Owner of the copied files/);
    assert.match(a.restartHover, /Restart policy/);
    for (const text of Object.values(a)) assert.doesNotMatch(JSON.stringify(text), CHINESE);
  });

  it('answers in Chinese with locale zh-cn in initialize: diagnostics and hovers, codes unchanged', async () => {
    const a = await answers(await start(undefined, {}, { locale: 'zh-cn' }), 'locale');
    assert.equal(a.unknown?.message, '未知指令：RUNN（是否想写 RUN？）');
    assert.equal(a.unknown?.code, 'UnknownInstruction');
    assert.equal(a.casing?.message, '阶段名 "Build" 应为小写。');
    assert.equal(
      a.restart?.message,
      '"sometimes" 不是重启策略：请使用 no、always、on-failure[:max-retries] 或 unless-stopped。',
    );
    assert.equal(a.restart?.code, 'invalid-value');
    assert.match(a.fromHover, /^\*\*FROM\*\* — 基于一个镜像（或之前的阶段）开始新的构建阶段/);
    assert.match(a.fromHover, /FROM \[--platform=<os\/arch>\]/, 'the syntax stays as written');
    assert.match(a.chownHover, /复制后文件的属主/);
    assert.match(a.restartHover, /重启策略：no、always/);
    assert.match(a.restartHover, /类型：字符串/);
  });

  it('initializationOptions.locale and --locale choose Chinese too; --locale wins over initialize', async () => {
    const byOptions = await answers(await start({ locale: 'zh-CN' }), 'options');
    assert.equal(byOptions.unknown?.message, '未知指令：RUNN（是否想写 RUN？）');
    const byArgument = await answers(
      await start(undefined, {}, { args: ['--locale', 'zh-hans'], locale: 'en' }),
      'arg',
    );
    assert.equal(byArgument.casing?.message, '阶段名 "Build" 应为小写。');
    const english = await answers(await start(undefined, {}, { args: ['--locale=en'], locale: 'zh-cn' }), 'arg-en');
    assert.equal(english.casing?.message, 'Stage name "Build" should be lowercase.');
  });
});
