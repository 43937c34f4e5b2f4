import { defineContractSuite } from './runner/contract-suite.js';
import { startPrismTarget } from './targets/prism-target.js';

defineContractSuite({ label: 'Prism mock of openapi.json', kind: 'shape', start: startPrismTarget });
