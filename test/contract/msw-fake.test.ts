import { defineContractSuite } from './runner/contract-suite.js';
import { startFakeTarget } from './targets/fake-target.js';

defineContractSuite({ label: 'MSW fake', kind: 'stateful', start: startFakeTarget });
