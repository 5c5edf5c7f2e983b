// Finding codes of the encoding area (see src/findings/catalogue.ts).
import type { FindingSpec } from '../spec.js';

export const encodingFindings: Record<string, FindingSpec> = {};
