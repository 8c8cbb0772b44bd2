// The web UI in a real browser: Debian's headless Chromium driven by Playwright (playwright-core)
// against a real `kaiyuan serve` with a temporary store. One user's day: sign in, make a project,
// upload an SBOM through the UI, see its components and findings, triage one and see the audit
// entry, search a purl, run the emergency query for an advisory and export it, follow the
// dependency path, check deep links and the back button, sign out. Every page is checked by
// axe-core (no serious or critical violation) and every step fails on a browser console error
// (CSP violations included). Screenshots of the main pages at 1280 and 390 px wide are written
// to SCREENSHOT_DIR (CI keeps them as artefacts).
// Usage: node ui_test.mjs KAIYUAN SHARED SCREENSHOT_DIR     (exit 77: no Chromium here)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const [kaiyuan, shared, shots] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`no Chromium at ${chromiumPath} (apt install chromium): skipped`);
  process.exit(77);
}
const require = createRequire(join(root, 'web', 'package.json'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const failures = [];
function check(cond, what) {
  if (!cond) {
    failures.push(what);
    console.error(`FAIL: ${what}`);
  }
  return cond;
}

// --- the server, a user, an advisory and a real SBOM ---
const work = mkdtempSync(join(tmpdir(), 'kaiyuan-ui-'));
const database = `sqlite:${join(work, 'store.db')}`;
function cli(args, input) {
  const r = spawnSync(kaiyuan, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kaiyuan ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
cli(['user', 'create', '--database', database, '--name', 'ada', '--team', 'security', '--permission', 'admin'], 'a long test password\n');
const sbomPath = join(work, 'polyglot.cdx.json');
cli(['scan', join(root, 'examples', 'polyglot-app'), '-q', '-f', 'cyclonedx-json', '-o', sbomPath]);
// A real advisory (PyPA's, for the Django the example ships) when ../shared/data is here, else
// one written for the test against the same package.
const djangoDir = shared ? join(shared, 'data', 'osv', 'pypa', 'vulns', 'django') : '';
let advisory = 'CVE-2024-45230';
if (djangoDir && existsSync(join(djangoDir, 'PYSEC-2024-102.yaml'))) {
  cli(['db', 'import', '-q', '--database', database, join(djangoDir, 'PYSEC-2024-102.yaml')]);
} else {
  advisory = 'KAIYUAN-UI-TEST-1';
  const osv = join(work, 'advisory');
  mkdirSync(osv);
  writeFileSync(
    join(osv, 'KAIYUAN-UI-TEST-1.json'),
    JSON.stringify({ id: advisory, modified: '2026-01-01T00:00:00Z', summary: 'A test advisory for Django', affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, versions: ['4.2.11'] }] }),
  );
  cli(['db', 'import', '-q', '--database', database, osv]);
}

const server = spawn(kaiyuan, ['serve', '--listen', '127.0.0.1:0', '--database', database], { stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`kaiyuan serve did not start: ${serverLog}`)), 30000);
  server.stderr.on('data', (d) => {
    serverLog += d;
    const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(serverLog);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  server.on('exit', (code) => reject(new Error(`kaiyuan serve exited ${code}: ${serverLog}`)));
});

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const consoleErrors = [];
function watch(page) {
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: uncaught ${e.message}`));
}
/// Fails the step if the console showed an error since the last call.
function noConsoleErrors(step) {
  check(consoleErrors.length === 0, `${step}: no console error (${consoleErrors.join(' | ')})`);
  consoleErrors.length = 0;
}
async function axe(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // @ts-ignore: axe is the global the source above defines
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  check(result.length === 0, `axe on ${name}: ${result.join('; ')}`);
}
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.state.loading, [aria-busy="true"]'), null, { timeout: 30000 }).catch(() => {});
}

const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai', acceptDownloads: true });
const page = await context.newPage();
watch(page);
let projectUuid = '';
try {
  // Sign in: a wrong password first (its 401 is the one console error allowed), then the right one.
  await page.goto(`${base}/projects`);
  await page.waitForSelector('input[name=password]');
  await axe(page, 'sign-in');
  await page.fill('input[name=name]', 'ada');
  await page.fill('input[name=password]', 'not the password');
  await page.click('button[type=submit]');
  await page.waitForSelector('[role=alert]');
  check((await page.textContent('[role=alert]')).includes('wrong password'), 'a wrong password is said');
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !e.includes('401')));
  await page.fill('input[name=password]', 'a long test password');
  await page.click('button[type=submit]');
  await page.waitForSelector('h1:has-text("Projects")');
  check(new URL(page.url()).pathname === '/projects', 'signed in on the page asked for');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'kaiyuan_session');
  check(session && session.httpOnly && session.sameSite === 'Strict', `session cookie HttpOnly, SameSite=Strict: ${JSON.stringify(session)}`);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  check(stored === '{}{}', `nothing in web storage: ${stored}`);
  check(!(await page.evaluate(() => document.cookie)).includes('kaiyuan_session'), 'scripts cannot read the session cookie');
  noConsoleErrors('sign in');

  // A project, and an SBOM uploaded through the UI.
  await page.click('summary:has-text("New project")');
  await page.fill('form input[name=name]', 'polyglot-app');
  await page.fill('form input[name=version]', '1.0');
  await page.fill('form input[name=tags]', 'web, python');
  await page.click('button:has-text("Create project")');
  await page.waitForSelector('h1:has-text("polyglot-app")');
  projectUuid = new URL(page.url()).pathname.split('/')[2];
  await settle(page);
  await axe(page, 'project overview');
  await page.setInputFiles('input[type=file]', sbomPath);
  await page.click('button:has-text("Upload")');
  await page.waitForURL(/tab=components/, { timeout: 60000 });
  await page.waitForSelector('td:has-text("pkg:pypi/django@4.2.11")', { timeout: 30000 });
  const rows = await page.locator('tbody tr').count();
  check(rows > 10, `the components are listed: ${rows}`);
  await axe(page, 'components');
  noConsoleErrors('upload');

  // The SBOM names who uploaded it.
  await page.goto(`${base}/projects/${projectUuid}?tab=sboms`);
  await page.waitForSelector('td[data-label="By"]');
  check((await page.textContent('td[data-label="By"]')).includes('ada'), 'the SBOM names the user who uploaded it');

  // Components: filter and sort, both in the URL.
  await page.goto(`${base}/projects/${projectUuid}?tab=components`);
  await settle(page);
  await page.fill('input[name=q]', 'django');
  await page.click('button:has-text("Search")');
  await page.waitForURL(/q=django/);
  await settle(page);
  await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1, null, { timeout: 30000 }).catch(() => {});
  check((await page.locator('tbody tr').count()) === 1, 'the filter leaves Django');
  await page.goto(`${base}/projects/${projectUuid}?tab=components&sort=-version`);
  await settle(page);
  check((await page.getAttribute('th[aria-sort=descending]', 'aria-sort')) === 'descending', 'a deep link keeps the sort');
  noConsoleErrors('components');

  // Findings: the advisory's finding, triaged, with its audit entry.
  await page.click('a:has-text("Findings")');
  await page.waitForSelector('caption:has-text("Findings")', { state: 'attached' });
  await settle(page);
  const finding = page.locator('tbody tr', { hasText: 'django' }).first();
  check((await finding.count()) === 1, 'the Django finding is listed');
  await finding.locator('button:has-text("not set")').click();
  await page.waitForSelector('select[name=state]');
  await page.selectOption('select[name=state]', 'exploitable');
  await page.fill('textarea[name=comment]', 'reachable from the upload form');
  await page.click('button:has-text("Save triage")');
  await page.waitForSelector('ol.audit li:has-text("reachable from the upload form")');
  const entry = await page.textContent('ol.audit li');
  check(entry.includes('ada') && entry.includes('exploitable'), `the audit entry names the user and the change: ${entry}`);
  // The open finding is in the URL: a reload shows the same panel, with the saved decision.
  await page.reload();
  await page.waitForSelector('ol.audit li');
  check((await page.inputValue('select[name=state]')) === 'exploitable', 'the form shows the saved state after a reload');
  await settle(page);
  await axe(page, 'findings with triage');
  noConsoleErrors('triage');

  // The keyboard alone: Tab to the finding's triage button, Enter opens the panel.
  await page.goto(`${base}/projects/${projectUuid}?tab=findings`);
  await page.waitForSelector('tbody tr');
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded') === 'false' && document.activeElement.textContent.includes('exploitable'));
  }
  check(reached, 'the triage button is reached with Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('select[name=state]');
  check(new URL(page.url()).searchParams.has('finding'), 'Enter opens the triage panel (and the URL names it)');
  noConsoleErrors('keyboard');

  // The dependency path to the vulnerable component, highlighted.
  await page.click('a:has-text("direct")');
  await page.waitForSelector('.tree-row.focused');
  check((await page.textContent('.tree-row.focused')).includes('Django'), 'the vulnerable component is highlighted in the tree');
  await axe(page, 'dependency graph');
  noConsoleErrors('dependency graph');

  // Portfolio component search by purl.
  await page.click('nav a:has-text("Components")');
  await page.fill('input[name=purl]', 'pkg:pypi/django');
  await page.click('button:has-text("Search")');
  await page.waitForSelector('td a:has-text("polyglot-app 1.0")');
  await axe(page, 'component search');
  noConsoleErrors('component search');

  // The emergency query, and its export.
  await page.click('nav a:has-text("Emergency")');
  await page.fill('input[name=q]', advisory);
  await page.click('button:has-text("Find affected projects")');
  await page.waitForSelector('.verdict');
  const verdict = await page.textContent('.verdict');
  check(verdict.includes('1') && verdict.includes('affected'), `the verdict: ${verdict}`);
  check((await page.locator('tbody tr', { hasText: 'polyglot-app' }).count()) === 1, 'the affected project is listed');
  check((await page.locator('tbody tr', { hasText: 'exploitable' }).count()) === 1, 'with its triage state');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export CSV")')]);
  const csv = readFileSync(await download.path(), 'utf8');
  check(csv.startsWith('project,version') && csv.includes('polyglot-app') && csv.includes('exploitable'), `the CSV export: ${csv.slice(0, 200)}`);
  await axe(page, 'emergency');
  noConsoleErrors('emergency');

  // Dashboard, advisories, policies, administration.
  for (const [path, heading] of [
    ['/', 'Portfolio'],
    ['/projects', 'Projects'],
    [`/projects/${projectUuid}?tab=licenses`, 'polyglot-app'],
    [`/projects/${projectUuid}?tab=sboms`, 'polyglot-app'],
    [`/projects/${projectUuid}?tab=diff`, 'polyglot-app'],
    [`/advisories/${advisory.startsWith('CVE') ? 'PYSEC-2024-102' : advisory}`, advisory.startsWith('CVE') ? 'PYSEC-2024-102' : advisory],
    ['/advisories?affecting=true', 'Advisories'],
    ['/policies', 'License policy'],
    ['/admin?tab=users', 'Administration'],
    ['/admin?tab=teams', 'Administration'],
    ['/admin?tab=keys', 'Administration'],
    ['/admin?tab=webhooks', 'Administration'],
  ]) {
    await page.goto(base + path);
    await page.waitForSelector(`h1:has-text("${heading}")`);
    await settle(page);
    await axe(page, path);
    noConsoleErrors(path);
  }
  check((await page.goto(`${base}/admin?tab=users`), await page.waitForSelector('td:has-text("ada")')) !== null, 'the admin page lists the user');

  // Back and forward, and a deep link in a fresh tab of the same session.
  await page.goto(`${base}/projects`);
  await page.click(`a:has-text("polyglot-app")`);
  await page.waitForSelector('h1:has-text("polyglot-app")');
  await page.click('a:has-text("SBOMs")');
  await page.waitForURL(/tab=sboms/);
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('tab=sboms'));
  check(new URL(page.url()).pathname === `/projects/${projectUuid}`, `back goes to the previous view: ${page.url()}`);
  await page.goBack();
  await page.waitForSelector('h1:has-text("Projects")');
  const second = await context.newPage();
  watch(second);
  await second.goto(`${base}/projects/${projectUuid}?tab=findings`);
  await second.waitForSelector('tbody tr:has-text("exploitable")');
  check(true, 'a deep link opens the same view');
  await second.close();
  noConsoleErrors('navigation');

  // Screenshots of the main pages at both widths.
  if (shots) {
    mkdirSync(shots, { recursive: true });
    const views = [
      ['dashboard', '/'],
      ['emergency', `/emergency?q=${advisory}`],
      ['projects', '/projects'],
      ['project', `/projects/${projectUuid}`],
      ['components', `/projects/${projectUuid}?tab=components`],
      ['findings', `/projects/${projectUuid}?tab=findings&finding=${encodeURIComponent('pkg:pypi/django@4.2.11|' + (advisory.startsWith('CVE') ? 'PYSEC-2024-102' : advisory))}`],
      ['dependencies', `/projects/${projectUuid}?tab=dependencies`],
      ['advisories', '/advisories'],
      ['admin', '/admin?tab=teams'],
    ];
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      for (const [name, path] of views) {
        await page.goto(base + path);
        await settle(page);
        await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
      }
      if (width === 390) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(overflow <= 1, `no sideways scrolling of the page at 390 px: ${overflow}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    noConsoleErrors('screenshots');
  }

  // Sign out: back to the sign-in page, and the old session no longer opens anything.
  await page.goto(`${base}/`);
  await page.click('button:has-text("Sign out")');
  await page.waitForSelector('input[name=password]');
  await page.goto(`${base}/projects/${projectUuid}`);
  await page.waitForSelector('input[name=password]');
  check(!(await context.cookies()).some((c) => c.name === 'kaiyuan_session' && c.value), 'the cookie is gone after sign-out');
  noConsoleErrors('sign out');
} catch (e) {
  check(false, `the walk stopped: ${e.stack}`);
  if (shots) await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.error('ok');
