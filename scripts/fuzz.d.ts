// Types of scripts/fuzz.js for the tests that import it.

export declare const REGRESSIONS: string;

export interface FuzzFinding {
  signature: string;
  hang?: boolean;
  step?: string;
  name?: string;
  message?: string;
  stack?: string;
  from: string;
  iteration: number;
  ext: string;
  schema: unknown;
  bytes: Uint8Array;
}

export interface FuzzResult {
  seed: number;
  iterations: number;
  seconds: number;
  crashes: number;
  hangs: number;
  found: FuzzFinding[];
}

export declare function replayRegressions(
  budgetMs?: number,
): Promise<
  { meta: string; result: { ok: boolean; hang?: boolean; step?: string; name?: string; message?: string } }[]
>;

export declare function corpus(): { file: string; ext: string; schema: string | undefined }[];

export declare function runFuzz(options?: {
  iterations?: number;
  seconds?: number;
  seed?: number;
  budgetMs?: number;
  save?: boolean;
  log?: (s: string) => void;
}): Promise<FuzzResult>;
