// Which of a batch's ids the project holds already: one query with `$in`, so seed and import can
// skip (seed) or count as duplicates (import) the rows a previous run wrote.
import type { FeedbackClient } from '@feedback/sdk';

export async function existingIds(client: FeedbackClient, projectId: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(ids)];
  // 1,000 literals are ~2,000 JSON values, within the expression's 4,096.
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    const page = await client.query({
      project_id: projectId,
      fields: ['id'],
      query: { $expr: { $in: [{ $getField: 'id' }, chunk.map((id) => ({ $literal: id }))] } },
      limit: chunk.length,
    });
    for (const row of page.result) if (typeof row.id === 'string') found.add(row.id);
  }
  return found;
}
