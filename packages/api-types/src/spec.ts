// openapi.json as a value, for validating against the spec at run time (kept off the main entry
// so importing types never pulls the whole document into a bundle).
export { openapiSpec } from './generated/spec.gen.js';
