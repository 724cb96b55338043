// The one shape of a long task the user may cancel: a notification with a Cancel button whose click aborts the
// signal the task is given. Builds, transfers, archives and replication watches all run in it.
import * as vscode from 'vscode';

export type ProgressReport = vscode.Progress<{ message?: string; increment?: number }>;

/** Runs `work` in a cancellable notification titled `title`; Cancel aborts `signal`. */
export function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, progress: ProgressReport) => Thenable<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await work(abort.signal, progress);
      } finally {
        cancel.dispose();
      }
    },
  );
}
