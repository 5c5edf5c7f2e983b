// Finding codes of the cell area (see src/findings/catalogue.ts).
import type { FindingSpec } from '../spec.js';

export const cellFindings: Record<string, FindingSpec> = {};
