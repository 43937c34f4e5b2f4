// A stored row as the fake and the server's import take it: a /feedback/create body plus the
// two columns the server would set (`created_at` as ISO 8601, `wb_user_id`).
import type { FeedbackCreateReq } from '@feedback/api-types';

export type SeedRow = FeedbackCreateReq & { created_at: string; wb_user_id: string };
