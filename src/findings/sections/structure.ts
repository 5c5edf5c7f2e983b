// Finding codes of the structure area (see src/findings/catalogue.ts).
import type { FindingSpec } from '../spec.js';

export const structureFindings: Record<string, FindingSpec> = {};
