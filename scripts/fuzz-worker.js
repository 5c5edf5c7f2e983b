// The fuzzer's worker thread: runs one input through odf's library (validate, every report renderer,
// normalize) and says whether it ended as odf promises (a report, or an OdfError), or how it crashed.
import { parentPort } from 'node:worker_threads';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  isOdfError,
  normalizeFile,
  renderGithub,
  renderGitlab,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderText,
  validate,
} from '../dist/index.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'odf-fuzz-'));
let n = 0;

/** One input through the library. Resolves to { ok: true } or { ok: false, name, message, stack }. */
async function runOne({ bytes, ext, schema }) {
  const dir = path.join(scratch, String(n++));
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir);
  const input = path.join(dir, `input.${ext}`);
  writeFileSync(input, bytes);
  const step = async (what, fn) => {
    try {
      await fn();
      return undefined;
    } catch (e) {
      if (isOdfError(e)) return undefined;
      return {
        ok: false,
        step: what,
        name: e?.name ?? typeof e,
        message: String(e?.message ?? e).slice(0, 500),
        stack: String(e?.stack ?? '').slice(0, 2000),
      };
    }
  };
  try {
    let report;
    const failed =
      (await step('validate', async () => {
        report = await validate(input, { schema });
      })) ??
      (await step('render', async () => {
        if (!report) return;
        renderText(report, { lang: 'fr' });
        renderText(report, { lang: 'en' });
        renderJson(report);
        renderHtml(report, { lang: 'fr' });
        renderJunit(report, { lang: 'fr' });
        renderGithub(report, { lang: 'fr' });
        renderGitlab(report, { lang: 'fr' });
        renderMarkdown(report, { lang: 'fr' });
      })) ??
      (await step('normalize', async () => {
        await normalizeFile(input, {
          output: path.join(dir, 'out.csv'),
          schema,
          dropInvalid: true,
          escapeFormulas: n % 2 === 0,
        });
      }));
    return failed ?? { ok: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

parentPort.on('message', async (msg) => {
  if (msg === 'exit') {
    rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  }
  let result;
  try {
    result = await runOne(msg);
  } catch (e) {
    result = {
      ok: false,
      step: 'harness',
      name: e?.name,
      message: String(e?.message ?? e),
      stack: String(e?.stack ?? ''),
    };
  }
  parentPort.postMessage(result);
});
