// Hover: instruction and flag docs, a variable's value and declaration, a stage's base, the image behind a FROM
// (with what the local engine has of it), and parser directives.
import { translated } from '../l10n/locale';
import * as l10n from '@vscode/l10n';
import { code } from '../lsp/markdown';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { EngineImage } from '../lsp/adapter';
import { DIRECTIVE_DOCS, flagDoc, INSTRUCTION_DOCS, MOUNT_KEY_DOCS, predefinedArgDoc } from './docs';
import { mountFields } from './flags';
import { effectiveImage, imageLink, parseImageRef } from './links';
import type { Declaration, DockerfileModel, Heredoc, Instruction, Stage } from './parse/model';
import { PREDEFINED_ARGS } from './parse/model';
import { contains, targetAt } from './navigation';

function md(value: string, inst?: { range: Hover['range'] }): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: inst?.range };
}

function instructionHover(inst: Instruction): string | undefined {
  const doc = INSTRUCTION_DOCS[inst.name];
  if (!doc) return undefined;
  return `**${inst.name}** — ${translated(doc.summary)}\n\n\`\`\`dockerfile\n${doc.syntax.join('\n')}\n\`\`\`\n\n${l10n.t('Example: {0}', code(doc.example))}`;
}

function declarationText(d: Declaration): string {
  const where = d.scope < 0 ? l10n.t('global, before the first FROM') : l10n.t('stage {0}', d.scope);
  const value =
    d.value !== undefined ? `${code(d.value)}` : d.kind === 'ARG' ? 'no default (set with `--build-arg`)' : '(empty)';
  return l10n.t(
    '{0} = {1}\n\nDeclared on line {2} ({3}).',
    code(`${d.kind} ${d.name}`),
    value,
    d.nameRange.start.line + 1,
    where,
  );
}

function stageText(model: DockerfileModel, stage: Stage): string {
  const base =
    stage.baseStage !== undefined
      ? l10n.t('stage {0}', code(String(model.stages[stage.baseStage]?.name ?? stage.baseStage)))
      : `${code(stage.base || '?')}`;
  const platform = stage.platform?.value ? l10n.t(' for {0}', code(stage.platform.value)) : '';
  return l10n.t(
    '**Stage {0}**{1} — built on {2}{3} (line {4}, {5} instructions).',
    stage.index,
    stage.name ? ` ${code(stage.name)}` : '',
    base,
    platform,
    stage.from.startLine + 1,
    stage.instructions.length,
  );
}

function imageText(image: string, images: readonly EngineImage[]): string {
  const ref = parseImageRef(image);
  const lines = [`**Image** ${code(image)}`];
  if (ref) {
    lines.push(
      `Registry: ${code(ref.registry)} · repository: ${code(ref.repository)}${ref.digest ? ` · digest ${code(ref.digest)}` : ` · tag ${code(ref.tag ?? 'latest')}${ref.tag ? '' : ' (implicit)'}`}`,
    );
    const local = images.find((i) => i.repository === ref.written || i.repository === ref.repository);
    if (local)
      lines.push(
        l10n.t(
          'In the local engine: {0}{1}.',
          local.tags.map((t) => `${code(t)}`).join(', ') || l10n.t('untagged'),
          ref.tag && !local.tags.includes(ref.tag) ? l10n.t(' — **not** {0}', code(ref.tag)) : '',
        ),
      );
    else if (images.length) lines.push(l10n.t('Not in the local engine: the build will pull it.'));
    const link = imageLink(image);
    if (link) lines.push(l10n.t('[Open in the registry]({0})', link));
  }
  return lines.join('\n\n');
}

function heredocText(inst: Instruction, h: Heredoc): string {
  const lines =
    h.body === '' && h.bodyRange.start.line === h.bodyRange.end.line && h.bodyRange.end.character === 0
      ? 0
      : h.body.split('\n').length;
  const what =
    inst.name === 'RUN'
      ? l10n.t('a script the command runs (by default the shell)')
      : l10n.t('the content of a file to create');
  return [
    `**Heredoc ${code(h.delimiter)}** — ${lines} line${lines === 1 ? '' : 's'} of ${what}.`,
    h.terminated && h.closeRange
      ? l10n.t('Closed on line {0}.', h.closeRange.start.line + 1)
      : l10n.t('**Never closed**: add a line {0}.', code(h.delimiter)),
    h.quoted
      ? l10n.t('The delimiter is quoted: the body is taken literally, variables are not expanded.')
      : l10n.t('Variables in the body are expanded.'),
    ...(h.chomp ? [l10n.t('`<<-`: leading tabs are removed from the body and the closing line.')] : []),
  ].join('\n\n');
}

export function hover(model: DockerfileModel, pos: Position, images: readonly EngineImage[]): Hover | undefined {
  const directive = model.directives.find((d) => contains(d.range, pos));
  if (directive) {
    const doc = DIRECTIVE_DOCS[directive.name];
    return doc && md(`**${l10n.t('Parser directive {0}', code(directive.name))}** — ${translated(doc.summary)}`);
  }
  const target = targetAt(model, pos);
  if (target?.kind === 'stage') return { ...md(stageText(model, target.stage)), range: target.occurrence.range };
  if (target?.kind === 'variable') {
    const decl = target.declaration ?? (target.ref ? model.resolve(target.ref) : undefined);
    if (decl) {
      // In a FROM's image, also say which image the line names with the defaults.
      const stage =
        target.ref &&
        model.stages.find((st) => st.from === target.ref!.instruction && st.baseRange && contains(st.baseRange, pos));
      const image = stage ? effectiveImage(model, stage) : undefined;
      const extra =
        stage && image
          ? l10n.t(
              '\n\n---\n\n{0} is {1} with the ARG defaults.\n\n{2}',
              code(stage.base),
              code(image),
              imageText(image, images),
            )
          : '';
      return { ...md(declarationText(decl) + extra), range: target.range };
    }
    if (PREDEFINED_ARGS.includes(target.name))
      return { ...md(`${code(target.name)} — ${predefinedArgDoc(target.name)}`), range: target.range };
    return {
      ...md(
        l10n.t(
          '{0} is not declared before this line: it expands to an empty string unless the environment sets it.',
          code(target.name),
        ),
      ),
      range: target.range,
    };
  }
  const top = model.instructions.find((i) => contains(i.range, pos));
  if (!top) return undefined;
  const inst = top.onbuild && contains(top.onbuild.range, pos) && !contains(top.keywordRange, pos) ? top.onbuild : top;
  if (contains(inst.keywordRange, pos)) {
    const text = instructionHover(inst);
    return text ? { ...md(text), range: inst.keywordRange } : undefined;
  }
  for (const f of inst.flags) {
    if (!contains(f.range, pos)) continue;
    if (
      f.name === 'mount' &&
      f.value &&
      f.valueRange &&
      contains(f.valueRange, pos) &&
      f.valueRange.start.line === pos.line
    ) {
      const offset = pos.character - f.valueRange.start.character;
      const field = mountFields(f.value).find((x) => offset >= x.start && offset <= x.end);
      const doc =
        field &&
        MOUNT_KEY_DOCS[
          field.key === 'dst' || field.key === 'destination'
            ? 'target'
            : field.key === 'src'
              ? 'source'
              : field.key === 'ro'
                ? 'readonly'
                : field.key
        ];
      if (doc) return md(`\`--mount\` ${code(field!.key)} — ${translated(doc)}`);
    }
    const doc = flagDoc(inst.name, f.name);
    return doc ? { ...md(`${code(`--${f.name}`)} — ${doc}`), range: f.range } : undefined;
  }
  const doc = inst.heredocs.find((h) => contains(h.markerRange, pos) || (h.closeRange && contains(h.closeRange, pos)));
  if (doc) return md(heredocText(inst, doc));
  const stage = model.stages.find((s) => s.from === inst);
  if (stage && stage.baseRange && contains(stage.baseRange, pos)) {
    const image = effectiveImage(model, stage);
    const expanded =
      image && image !== stage.base
        ? l10n.t('{0} is {1} with the ARG defaults (`--build-arg` may change it).\n\n', code(stage.base), code(image))
        : '';
    return { ...md(expanded + imageText(image ?? stage.base, images)), range: stage.baseRange };
  }
  return undefined;
}
