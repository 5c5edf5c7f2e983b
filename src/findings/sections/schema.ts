// Finding codes of the schema area (see src/findings/catalogue.ts).
import type { FindingSpec } from '../spec.js';

export const schemaFindings: Record<string, FindingSpec> = {};
