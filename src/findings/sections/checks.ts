// Finding codes of the checks area (see src/findings/catalogue.ts).
import type { FindingSpec } from '../spec.js';

export const checkFindings: Record<string, FindingSpec> = {};
