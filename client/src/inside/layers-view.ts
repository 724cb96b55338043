// The Layers view: one image's history as layers (engine/image-layers.ts), each with its size, the instruction
// that made it and its age, newest first or biggest first. When Berth built the image from a workspace Dockerfile
// (build-records.ts) each layer knows its instruction's line ("Go to instruction"), and a large layer carries a
// hint when its instruction shows why it is large (layer-hints.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerController } from '../explorer/controller';
import { formatAge } from '../explorer/model/nodes';
import type { Engine } from '../engine/engine';
import { mapLayersToInstructions, type ImageLayer } from '../engine/image-layers';
import { formatSize } from '../format-size';
import { buildRecordOf } from './build-records';
import { layerHints, type LayerHint } from './layer-hints';
import { TargetTree } from './target-tree';

export interface LayersTarget {
  /** The image id (what a tag points at now). */
  id: string;
  name: string;
}

export interface LayerNode {
  kind: 'layer';
  /** Position in the history (0 = newest), stable across sorts. */
  index: number;
  layer: ImageLayer;
  /** The Dockerfile and 0-based line of the instruction that made it, when known. */
  source?: { uri: vscode.Uri; line: number; text: string };
  hints: LayerHint[];
}

export interface HintNode {
  kind: 'hint';
  id: string;
  hint: LayerHint;
}

type Node = LayerNode | HintNode;

/** What each hint says, and what to do about it. */
const HINT_TEXTS: Record<LayerHint, () => string> = {
  'apt-lists-left': () =>
    vscode.l10n.t(
      'apt-get update without removing /var/lib/apt/lists in the same RUN: the package lists stay in this layer.',
    ),
  'apt-cache-left': () =>
    vscode.l10n.t(
      'apt-get install without apt-get clean (or a cache mount) in the same RUN: the downloaded packages stay in this layer.',
    ),
  'apk-cache-left': () => vscode.l10n.t('apk add without --no-cache: the package index stays in this layer.'),
  'pip-cache-left': () =>
    vscode.l10n.t("pip install without --no-cache-dir: pip's download cache stays in this layer."),
  'npm-cache-left': () =>
    vscode.l10n.t("npm install without npm cache clean (or a cache mount): npm's cache stays in this layer."),
  'yum-cache-left': () =>
    vscode.l10n.t('yum/dnf install without clean all in the same RUN: the package cache stays in this layer.'),
  'broad-copy-without-dockerignore': () =>
    vscode.l10n.t(
      'COPY . copies the whole build context and it has no .dockerignore: everything in the folder lands in this layer.',
    ),
};

export function hintText(h: LayerHint): string {
  return HINT_TEXTS[h]();
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

export class LayersTreeProvider extends TargetTree<LayersTarget, Node> {
  /** The layers in history order, as last read (the extension-host tests read them). */
  layers: LayerNode[] = [];
  biggestFirst = false;
  /** The Dockerfile the image was built from, when Berth built it. */
  dockerfile: vscode.Uri | undefined;

  constructor(
    controller: () => Promise<ExplorerController>,
    private readonly state: vscode.Memento,
  ) {
    super(controller);
  }

  setBiggestFirst(on: boolean): void {
    this.biggestFirst = on;
    void vscode.commands.executeCommand('setContext', 'berth.layers.biggestFirst', on);
    this.emitter.fire(undefined);
  }

  protected async load(engine: Engine, target: LayersTarget): Promise<void> {
    const layers = await engine.imageLayers(target.id);
    const record = buildRecordOf(this.state, target.id);
    let sources: Array<LayerNode['source']> = [];
    let hasDockerignore: boolean | undefined;
    this.dockerfile = undefined;
    if (record) {
      const uri = vscode.Uri.parse(record.dockerfile);
      const text = await vscode.workspace.fs.readFile(uri).then(
        (b) => Buffer.from(b).toString('utf8'),
        () => undefined,
      );
      if (text !== undefined) {
        this.dockerfile = uri;
        sources = mapLayersToInstructions(layers, text, record.target).map((i) =>
          i ? { uri, line: i.line, text: i.text } : undefined,
        );
        // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile first, then the context's.
        hasDockerignore =
          (await exists(vscode.Uri.file(`${uri.fsPath}.dockerignore`))) ||
          (await exists(vscode.Uri.file(path.join(record.context, '.dockerignore'))));
      }
    }
    this.layers = layers.map((layer, index) => {
      const source = sources[index];
      return {
        kind: 'layer',
        index,
        layer,
        source,
        hints: layerHints(source?.text ?? layer.createdBy, layer.size, {
          hasDockerignore: source ? hasDockerignore : undefined,
        }),
      };
    });
  }

  protected clear(): void {
    this.layers = [];
  }

  protected describe(target: LayersTarget): string {
    const total = formatSize(this.layers.reduce((n, l) => n + l.layer.size, 0));
    return this.dockerfile
      ? vscode.l10n.t(
          '{0}: {1} layers, {2}, built from {3}',
          target.name,
          this.layers.length,
          total,
          vscode.workspace.asRelativePath(this.dockerfile),
        )
      : vscode.l10n.t('{0}: {1} layers, {2}', target.name, this.layers.length, total);
  }

  /** The layers in the order the view shows them. */
  shown(): LayerNode[] {
    return this.biggestFirst
      ? [...this.layers].sort((a, b) => b.layer.size - a.layer.size || a.index - b.index)
      : this.layers;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.shown();
    if (node.kind === 'layer')
      return node.hints.map((hint) => ({ kind: 'hint', id: `${node.index}:${hint}`, hint }) satisfies HintNode);
    return [];
  }

  getTreeItem(n: Node): vscode.TreeItem {
    if (n.kind === 'hint') {
      const item = new vscode.TreeItem(hintText(n.hint), vscode.TreeItemCollapsibleState.None);
      item.id = `layers:${this.target?.id ?? ''}:hint:${n.id}`;
      item.iconPath = new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('editorLightBulb.foreground'));
      item.tooltip = hintText(n.hint);
      item.contextValue = 'layerHint';
      return item;
    }
    const { layer } = n;
    const label = layer.createdBy.length > 100 ? `${layer.createdBy.slice(0, 99)}…` : layer.createdBy;
    const item = new vscode.TreeItem(
      label || vscode.l10n.t('(no instruction recorded)'),
      n.hints.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `layers:${this.target?.id ?? ''}:${n.index}`;
    const age = formatAge(layer.created.getTime() / 1000);
    item.description = [layer.empty ? vscode.l10n.t('0 B (metadata)') : formatSize(layer.size), age]
      .filter(Boolean)
      .join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendCodeblock(layer.createdBy, 'dockerfile');
    tooltip.appendMarkdown(
      [
        vscode.l10n.t('Size: {0}', formatSize(layer.size)),
        vscode.l10n.t('Created: {0}', layer.created.toISOString()),
        layer.id && layer.id !== '<missing>'
          ? vscode.l10n.t('Id: {0}', layer.id.replace(/^sha256:/, '').slice(0, 12))
          : '',
        n.source
          ? vscode.l10n.t(
              'Instruction: {0}, line {1}',
              vscode.workspace.asRelativePath(n.source.uri),
              n.source.line + 1,
            )
          : '',
      ]
        .filter(Boolean)
        .join('  \n'),
    );
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(
      n.hints.length ? 'warning' : layer.empty ? 'symbol-property' : 'layers',
      n.hints.length ? new vscode.ThemeColor('list.warningForeground') : undefined,
    );
    item.contextValue = n.source ? 'layer.mapped' : 'layer';
    if (n.source)
      item.command = {
        command: 'berth.layers.goToInstruction',
        title: vscode.l10n.t('Go to Instruction'),
        arguments: [n],
      };
    return item;
  }
}

export async function goToInstruction(n: LayerNode): Promise<void> {
  if (!n.source) return;
  const doc = await vscode.workspace.openTextDocument(n.source.uri);
  const line = doc.lineAt(Math.min(n.source.line, doc.lineCount - 1));
  await vscode.window.showTextDocument(doc, {
    selection: new vscode.Range(line.range.start, line.range.start),
    preview: true,
  });
}
