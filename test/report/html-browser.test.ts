// The HTML report in a real headless Chromium (Debian's /usr/bin/chromium): loads cleanly, shows the verdict, filters and sorts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { runCli } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const title = available
  ? 'HTML report in headless Chromium'
  : `HTML report in headless Chromium — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`;

describe.skipIf(!available)(title, () => {
  let browser: BrowserContext;
  let page: Page;
  let dir: string;
  const problems: string[] = [];
  const dialogs: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(path.join(os.tmpdir(), 'odf-html-'));
    // A fresh profile folder for every run (playwright takes it as the persistent context's directory).
    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const run = await runCli([
      'validate',
      'fixtures/report/batch',
      '-s',
      'fixtures/report/schema.json',
      '--format',
      'html',
      '--jobs',
      '1',
    ]);
    expect(run.code).toBe(1);
    const file = path.join(dir, 'rapport.html');
    writeFileSync(file, run.stdout);
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads without console errors, script run from the data or network request', () => {
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });

  it('shows the verdict and the score', async () => {
    await expect(page.locator('#verdict').innerText()).resolves.toContain('Non conforme');
    await expect(page.locator('header.top-head svg.ring text').textContent()).resolves.toMatch(/^\d+$/);
  });

  it('shows the hostile cell value as text', async () => {
    const cell = page.locator('#file-2 tr[data-code="type-error"] td:last-child code').first();
    await expect(cell.innerText()).resolves.toBe('<script>alert(1)</script>');
  });

  it('filters the findings table by code, level and column', async () => {
    const section = page.locator('#file-2 .findings');
    const visible = (): Promise<number> => section.locator('tbody tr:not([hidden])').count();
    const rows = (selector: string): Promise<number> => section.locator(`tbody tr${selector}`).count();
    const all = await rows('');
    expect(all).toBe(10);
    expect(await visible()).toBe(all);
    await section.locator('select[data-filter="code"]').selectOption('type-error');
    expect(await visible()).toBe(5);
    await expect(section.locator('.shown').innerText()).resolves.toBe('5');
    await section.locator('select[data-filter="column"]').selectOption('date_vote');
    expect(await visible()).toBe(2);
    await section.locator('select[data-filter="code"]').selectOption('');
    await section.locator('select[data-filter="column"]').selectOption('');
    await section.locator('select[data-filter="level"]').selectOption('error');
    expect(await visible()).toBe(9);
    await section.locator('select[data-filter="level"]').selectOption('');
    await section.locator('input[type=search]').fill('validé');
    expect(await visible()).toBe(1);
    await section.locator('input[type=search]').fill('');
    expect(await visible()).toBe(all);
  });

  it('sorts the dashboard by score', async () => {
    const firstFile = (): Promise<string> =>
      page.locator('table.files tbody tr td:first-child').first().innerText();
    const scoreButton = page.locator('table.files th', { hasText: 'Score' }).locator('button');
    await scoreButton.click();
    expect(await firstFile()).toBe('fixtures/report/batch/erreurs.csv');
    await scoreButton.click();
    expect(await firstFile()).toBe('fixtures/report/batch/conforme.csv');
  });

  it('exports the findings shown as a CSV file, in the page, formulas defused', async () => {
    const csv = path.join(dir, 'formules.csv');
    writeFileSync(csv, 'id,date\n=1+1,12/02/2024\n@A1,2024-01-01\n3,x\n');
    writeFileSync(
      path.join(dir, 'schema.json'),
      JSON.stringify({
        fields: [
          { name: 'id', type: 'integer' },
          { name: 'date', type: 'date' },
        ],
      }),
    );
    const run = await runCli(['validate', 'formules.csv', '-s', 'schema.json', '-f', 'html'], { cwd: dir });
    const file = path.join(dir, 'formules.html');
    writeFileSync(file, run.stdout);
    const p = await browser.newPage();
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    p.on('request', (r) => requests.push(r.url()));
    await p.goto(pathToFileURL(file).href);
    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('button.export').click()]);
    expect(download.suggestedFilename()).toBe('formules.problemes.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('fichier;niveau;code;ligne;colonne;message;conseil;valeur');
    const rows = await p.locator('#f1 tbody tr').count();
    expect(lines).toHaveLength(rows + 1);
    // A cell a spreadsheet would run as a formula is written as text.
    expect(text).toContain(";'=1+1");
    expect(text).toContain(";'@A1");
    expect(text).not.toMatch(/;=1\+1/);
    // The filter decides what is exported.
    await p.locator('#f1').locator('..').locator('select[data-filter="column"]').selectOption('date');
    const [filtered] = await Promise.all([p.waitForEvent('download'), p.locator('button.export').click()]);
    const kept = readFileSync((await filtered.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(kept.length).toBeLessThan(lines.length);
    expect(kept.slice(1).every((l) => l.includes(';date;'))).toBe(true);
    // A short value never breaks across lines, even in a narrow window.
    await p.setViewportSize({ width: 480, height: 900 });
    const short = p.locator('code.v.short', { hasText: '12/02/2024' }).first();
    const box = await short.boundingBox();
    const lineHeight = await short.evaluate((el) => {
      // Runs in the page; the test's TypeScript has no DOM library.
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string } };
      return parseFloat(view.getComputedStyle(el).lineHeight) || 16;
    });
    expect(box!.height).toBeLessThan(lineHeight * 1.6);
    await p.close();
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:'))).toEqual([]);
  });

  it('prints to PDF and leaves a screenshot in test-output/', async () => {
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/html-report.png', fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.filters').first().isVisible()).resolves.toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
