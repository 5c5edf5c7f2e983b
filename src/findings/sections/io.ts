// Finding codes of the io area (see src/findings/catalogue.ts).
import type { FindingSpec } from '../spec.js';

export const ioFindings: Record<string, FindingSpec> = {};
