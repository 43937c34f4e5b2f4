// Every contract case, in the order the runner replays them.
import { aggregateCases } from './aggregate-cases.js';
import { authCases } from './auth-cases.js';
import { backdatedCases } from './backdated-cases.js';
import { bodyEncodingCases } from './body-encoding-cases.js';
import type { ContractCase } from './contract-case.js';
import { createCases } from './create-cases.js';
import { createBatchCases } from './create-batch-cases.js';
import { numberEdgeCases } from './number-edge-cases.js';
import { payloadSchemaCases } from './payload-schema-cases.js';
import { purgeCases } from './purge-cases.js';
import { replaceCases } from './replace-cases.js';
import { limitCases } from './limit-cases.js';
import { statsCases } from './stats-cases.js';
import { statsTopValuesCases } from './stats-top-values-cases.js';
import { queryCases } from './query-cases.js';
import { validationCases } from './validation-cases.js';

export type { CaseExpect, CaseRequest, CaseStep, ContractCase, DetailEntry, Endpoint } from './contract-case.js';

export const contractCases: readonly ContractCase[] = [...authCases, ...validationCases, ...bodyEncodingCases, ...createCases, ...createBatchCases, ...backdatedCases, ...statsCases, ...statsTopValuesCases, ...aggregateCases, ...limitCases, ...numberEdgeCases, ...payloadSchemaCases, ...replaceCases, ...purgeCases, ...queryCases];
