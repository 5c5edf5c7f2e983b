// Finding codes of the sheet area (see src/findings/catalogue.ts).
import type { FindingSpec } from '../spec.js';

export const sheetFindings: Record<string, FindingSpec> = {};
