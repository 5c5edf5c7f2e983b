// Finding codes of the input layer: encoding, format, structure of the raw table.
import type { FindingSpec } from '../spec.js';

export const ioFindings: Record<string, FindingSpec> = {};
