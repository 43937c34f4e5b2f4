import { defineContractSuite } from './runner/contract-suite.js';
import { databaseUrl } from './support/env.js';
import { startServerTarget } from './targets/server-target.js';

defineContractSuite({
  label: 'server on PostgreSQL',
  kind: 'stateful',
  start: () => startServerTarget('postgres'),
  skipReason: databaseUrl() === undefined ? 'DATABASE_URL is not set' : undefined,
});
