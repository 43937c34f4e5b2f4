// The fake's table: rows in insertion order (a fresh heap's scan order), unique per
// (project_id, id) like the server's primary key.
import type { StoredFeedback } from './stored-feedback.js';

export class FeedbackStore {
  private readonly byKey = new Map<string, StoredFeedback>();

  private static keyOf(projectId: string, id: string): string {
    return JSON.stringify([projectId, id]);
  }

  /** Adds the row unless its (project_id, id) exists; returns whether it was added (ON CONFLICT DO NOTHING). */
  insert(row: StoredFeedback): boolean {
    const key = FeedbackStore.keyOf(row.content.project_id, row.id);
    if (this.byKey.has(key)) return false;
    this.byKey.set(key, row);
    return true;
  }

  find(projectId: string, id: string): StoredFeedback | undefined {
    return this.byKey.get(FeedbackStore.keyOf(projectId, id));
  }

  /** Removes the row; returns whether there was one. */
  delete(projectId: string, id: string): boolean {
    return this.byKey.delete(FeedbackStore.keyOf(projectId, id));
  }

  /** Removes every row of `projectId` that `matches`; returns how many. */
  deleteWhere(projectId: string, matches: (row: StoredFeedback) => boolean): number {
    let n = 0;
    for (const [key, row] of this.byKey) {
      if (row.content.project_id === projectId && matches(row)) {
        this.byKey.delete(key);
        n += 1;
      }
    }
    return n;
  }

  /** Every row in insertion order. */
  all(): IterableIterator<StoredFeedback> {
    return this.byKey.values();
  }

  /** The rows of one project whose created_at lies in [fromMs, toMs). */
  *inWindow(projectId: string, fromMs: number, toMs: number): Generator<StoredFeedback> {
    for (const row of this.byKey.values()) {
      if (row.content.project_id === projectId && row.createdAtMs >= fromMs && row.createdAtMs < toMs) yield row;
    }
  }

  clear(): void {
    this.byKey.clear();
  }
}
