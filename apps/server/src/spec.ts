// openapi.json, the single source, as @feedback/api-types ships it (generated from the file by
// `npm run gen`; the MSW fake reads the same module): nothing is read from disk at run time, so
// the built server finds its spec wherever its dependencies resolve.
import { openapiSpec } from '@feedback/api-types/spec';

/** A fresh, mutable copy per call: the request validator and Swagger UI are each given their own. */
export function loadSpec(): object {
  return structuredClone(openapiSpec) as object;
}
