// Drives VS Code (code-server) with Playwright: the scenarios of issue 12 in one browser session.
// usage: node vscode.mjs BASE_URL WORKSPACE ARTIFACT_DIR   (playwright-core from $VSCODE_E2E_PREFIX)
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [base, workspace, artifacts] = process.argv.slice(2);
const { chromium } = createRequire(path.join(process.env.VSCODE_E2E_PREFIX, 'package.json'))('playwright-core');
const SQUIGGLE = '.squiggly-error, .squiggly-warning, .squiggly-info';
const remote = (file) => `vscode-remote://${new URL(base).host}${path.join(workspace, file)}`;
const urlFor = (file) => `${base}/?folder=${workspace}&payload=${encodeURIComponent(JSON.stringify([['openFile', remote(file)]]))}`;
const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };

async function problems(page) {
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30000 });
  await page.waitForTimeout(300);
  return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
}

async function waitForProblem(page, predicate, timeout = 30000) {
  const deadline = Date.now() + timeout;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await page.$$eval('.markers-panel .monaco-list-row', (rs) => rs.map((r) => r.innerText.replace(/\s+/g, ' ').trim())).catch(() => []);
    if (rows.some(predicate)) return rows;
    await page.waitForTimeout(250);
  }
  return rows;
}

async function goToLine(page, position) {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
  await page.keyboard.type(position);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

async function lineText(page, lineNumber) {
  // The editor renders lines in .view-line elements ordered by their top offset.
  return page.evaluate((n) => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    const lines = [...editor.querySelectorAll('.view-lines .view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    const first = Math.round(parseFloat(lines[0].style.top) / lines[0].offsetHeight) + 1;
    return lines[n - first]?.innerText.replace(/\u00a0/g, ' ');
  }, lineNumber);
}

const profile = mkdtempSync(path.join(tmpdir(), 'plimsoll-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();
let exitCode = 0;
try {
  // 1. The Dockerfile: squiggles, and the PL ids in the Problems panel.
  const t0 = Date.now();
  await page.goto(urlFor('Dockerfile'), { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.editor-instance .view-lines', { timeout: 90000 });
  await page.waitForSelector(SQUIGGLE, { timeout: 90000 });
  console.log(`squiggle ${Date.now() - t0} ms after the page was opened`);
  await page.keyboard.press('Control+Shift+M');
  let rows = await waitForProblem(page, (r) => r.includes('PL1003'));
  console.log('PROBLEMS', JSON.stringify(rows.slice(0, 8)));
  for (const id of ['PL1001', 'PL1003', 'PL2002', 'PL4002']) check(rows.some((r) => r.includes(id)), `Dockerfile: ${id} in the Problems panel`);
  await page.screenshot({ path: path.join(artifacts, 'dockerfile.png') });

  // 2. Quick fix through the editor: Ctrl+. on the http URL, Enter applies the first action (the rule's fix).
  await page.click('.editor-instance .view-lines');
  await goToLine(page, '6:25');
  // Ctrl+. can be lost while the editor is still busy (seen once in a full run): ask again, three times at most.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 15000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  const menu = await page.$$eval('.action-widget .monaco-list-row', (rs) => rs.map((r) => r.innerText.trim()));
  console.log('QUICK FIXES', JSON.stringify(menu));
  check(menu.some((m) => m.startsWith('Fix PL1003')), 'quick fix menu offers the PL1003 fix');
  check(menu.some((m) => m.includes('Suppress PL1003 on this line')), 'quick fix menu offers the suppression');
  await page.screenshot({ path: path.join(artifacts, 'quick-fix.png') });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  const fixed = await lineText(page, 6);
  console.log('LINE 6', JSON.stringify(fixed));
  check(fixed?.includes('https://get.example.com/install.sh'), 'the fix rewrote line 6 to https');

  // 3. Typing: a new untagged FROM at the end brings a new PL1001 finding.
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nFROM debian AS extra', { delay: 30 });
  rows = await waitForProblem(page, (r) => r.includes("'debian'"));
  check(rows.some((r) => r.includes('PL1001') && r.includes("'debian'")), 'typing FROM debian brings PL1001 for debian');
  await page.screenshot({ path: path.join(artifacts, 'typing.png') });

  // 4. compose.yaml: its own findings.
  // Opened from the Explorer: a keyboard shortcut can be taken by a widget still open in the Dockerfile's editor.
  await page.keyboard.press('Escape');
  await page.locator('.explorer-folders-view').getByText('compose.yaml', { exact: true }).click();
  await page.waitForSelector('.tabs-container .tab.active[aria-label*="compose.yaml"]', { timeout: 20000 });
  rows = await waitForProblem(page, (r) => r.includes('PL2005'));
  for (const id of ['PL2002', 'PL2005', 'PL4001']) check(rows.some((r) => r.includes(id)), `compose.yaml: ${id} in the Problems panel`);
  await page.screenshot({ path: path.join(artifacts, 'compose.png') });

  // 5. plimsoll.run: onSave (workspace setting; the client restarts): typing shows nothing new until the file is saved.
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'plimsoll.run': 'onSave' }));
  // The settings file is noticed and the client restarts; the status bar says when the new client runs on save.
  await page.locator('.statusbar-item', { hasText: 'Plimsoll (on save)' }).waitFor({ timeout: 60000 });
  await page.waitForTimeout(1000); // the new client opens the document and pulls its diagnostics once
  await page.click('.editor-instance .view-lines');
  await goToLine(page, '3:1');
  await page.keyboard.press('End');
  for (let i = 0; i < 'nginx:latest'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('redis', { delay: 30 });
  await page.waitForTimeout(3000);
  rows = await problems(page);
  check(!rows.some((r) => r.includes("'redis'")), 'onSave: an unsaved edit is not linted');
  await page.keyboard.press('Control+S');
  rows = await waitForProblem(page, (r) => r.includes("'redis'"));
  check(rows.some((r) => r.includes('PL1001') && r.includes("'redis'")), 'onSave: saving lints the new image line');
  const savedBy = Date.now() + 20000;
  while (Date.now() < savedBy && !readFileSync(path.join(workspace, 'compose.yaml'), 'utf8').includes('image: redis')) await page.waitForTimeout(250);
  check(readFileSync(path.join(workspace, 'compose.yaml'), 'utf8').includes('image: redis'), 'the edit was saved');
} catch (error) {
  console.error(error);
  failures.push(String(error.message ?? error));
  await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`${failures.length} VS Code check(s) failed`);
  exitCode = 1;
}
process.exit(exitCode);
