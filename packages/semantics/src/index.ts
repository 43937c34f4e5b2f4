// The pure rules of the feedback API, shared by the reference server and the in-memory fake.
export * from './errors.js';
export * from './time/index.js';
export * from './rules/index.js';
export * from './values/index.js';
export * from './stats/index.js';
export * from './ids/index.js';
export * from './schema/index.js';
export * from './access/index.js';
export * from './body/index.js';
export * from './limits/index.js';
export * from './edits/index.js';
export * from './payload-schema/index.js';
export * from './query/index.js';
