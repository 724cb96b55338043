// What the Inside views share: a tree of one target's items (a container's changes, an image's layers), read from
// the engine when the target is shown or the view refreshed, never polled, with a view message that names the
// target or says why the tree is empty.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import type { ExplorerController } from '../explorer/controller';

export abstract class TargetTree<Target, Node> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  target: Target | undefined;
  private error: string | undefined;

  constructor(private readonly controller: () => Promise<ExplorerController>) {}

  /** Reads the target's items from the engine and keeps them. */
  protected abstract load(engine: Engine, target: Target): Promise<void>;
  /** Forgets the items: the last read failed. */
  protected abstract clear(): void;
  /** The view's message once the items are read. */
  protected abstract describe(target: Target): string;

  abstract getChildren(node?: Node): Node[];
  abstract getTreeItem(node: Node): vscode.TreeItem;

  /** Shows `target`'s items, read now. */
  async show(target: Target): Promise<void> {
    this.target = target;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const target = this.target;
    if (!target) return;
    try {
      await this.load(await (await this.controller()).engine(), target);
      this.error = undefined;
    } catch (e) {
      this.clear();
      this.error = (e as Error).message;
    }
    this.emitter.fire(undefined);
  }

  /** What the target is, or why there is nothing to show. */
  get message(): string | undefined {
    if (!this.target) return undefined;
    if (this.error) return this.error;
    return this.describe(this.target);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
