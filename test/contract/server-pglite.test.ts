import { defineContractSuite } from './runner/contract-suite.js';
import { startServerTarget } from './targets/server-target.js';

defineContractSuite({ label: 'server on PGlite', kind: 'stateful', start: () => startServerTarget('pglite') });
