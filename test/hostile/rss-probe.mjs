// Loaded with `node --import` before bin/odf.js by the hostile suite: writes the process's peak resident
// memory (KB, worker threads included) and CPU time (ms) to ODF_HOSTILE_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.ODF_HOSTILE_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const u = process.resourceUsage();
      writeFileSync(
        file,
        JSON.stringify({ maxRSS: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }),
      );
    } catch {
      // the scratch folder is gone: the suite reports the missing figure
    }
  });
}
