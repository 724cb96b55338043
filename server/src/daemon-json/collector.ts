// What a daemon.json check reports, and the collector every check adds its findings to.
//
// Each finding belongs to one of four families, and the oracle layer holds each to the real dockerd:
// - 'validate': `dockerd --validate` refuses the file;
// - 'start': `--validate` passes, but dockerd refuses to start;
// - 'containers': dockerd starts, but every container that uses the setting fails to start (log option values are
//   parsed only when a container's logger is created);
// - 'advice': dockerd works, but not as the file's author expects.
import type { Node } from 'jsonc-parser';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

export type CheckFamily = 'validate' | 'start' | 'containers' | 'advice';

export interface DaemonJsonIssue {
  code: string;
  family: CheckFamily;
  severity: DiagnosticSeverity;
  message: string;
  /** Offset range in the text. */
  start: number;
  end: number;
  /** A replacement for [start, end) that fixes the issue, when one is clear. */
  fix?: { title: string; newText: string };
}

export class Collector {
  readonly issues: DaemonJsonIssue[] = [];
  add(
    node: Node,
    code: string,
    family: CheckFamily,
    severity: DiagnosticSeverity,
    message: string,
    fix?: DaemonJsonIssue['fix'],
  ) {
    this.issues.push({ code, family, severity, message, start: node.offset, end: node.offset + node.length, fix });
  }
  error(node: Node, code: string, family: CheckFamily, message: string, fix?: DaemonJsonIssue['fix']) {
    this.add(node, code, family, DiagnosticSeverity.Error, message, fix);
  }
  warning(node: Node, code: string, message: string, fix?: DaemonJsonIssue['fix']) {
    this.add(node, code, 'advice', DiagnosticSeverity.Warning, message, fix);
  }
}
