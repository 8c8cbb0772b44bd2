// Times pages of the web UI in Debian's headless Chromium (bench/ui_bench.py runs it): for each
// page, `runs` fresh navigations of a signed-in tab (the browser cache warm, as for a user who
// has opened the UI before; the first, cold, run is reported apart), measuring
//   first render: First Contentful Paint (the browser's own entry);
//   content: when the page's data is on screen (its selector appears);
//   interactive: when the last API request and the last long task (>50 ms) of the load have
//     ended, after content: nothing the user clicks then waits.
// Usage: node ui_timings.mjs BASE BIG_PROJECT_UUID RUNS   (prints JSON)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'web', 'package.json'));
const { chromium } = require('playwright-core');
const [base, big, runsText] = process.argv.slice(2);
const runs = Number(runsText || 5);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/`);
await page.fill('input[name=name]', 'bench');
await page.fill('input[name=password]', 'bench password');
await page.click('button[type=submit]');
await page.waitForSelector('h1:has-text("Portfolio")');
await page.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries().map((e) => e.startTime + e.duration))).observe({ type: 'longtask', buffered: true });
});

const scenarios = [
  ['dashboard', '/', '.stats .stat-value'],
  ['project of 10,000 components: overview', `/projects/${big}`, '.stats .stat-value'],
  ['project of 10,000 components: components', `/projects/${big}?tab=components`, 'tbody tr'],
  ['project of 10,000 components: dependency tree', `/projects/${big}?tab=dependencies`, '.tree-row'],
  ['project of 10,000 components: findings', `/projects/${big}?tab=findings`, 'tbody tr'],
  ['emergency: advisory hitting 1,000 project versions', '/emergency?q=CVE-2099-9999', '.verdict'],
];

async function once(path, selector) {
  const start = Date.now();
  await page.goto(base + path, { waitUntil: 'commit' });
  await page.waitForSelector(selector, { timeout: 60000 });
  const contentAt = Date.now() - start;
  await page.waitForLoadState('networkidle');
  return page.evaluate((contentWall) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const resources = performance.getEntriesByType('resource');
    const lastRequest = Math.max(0, ...resources.map((r) => r.responseEnd));
    const lastLongTask = Math.max(0, ...(window.__longTasks || []));
    const content = Math.min(contentWall, performance.now());
    return {
      first_render: Math.round(fcp ? fcp.startTime : NaN),
      content: Math.round(content),
      interactive: Math.round(Math.max(content, lastRequest, lastLongTask)),
      transferred_kb: Math.round(resources.reduce((s, r) => s + (r.transferSize || 0), (nav && nav.transferSize) || 0) / 1024),
    };
  }, contentAt);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const out = {};
for (const [name, path, selector] of scenarios) {
  const cold = await once(path, selector);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await once(path, selector));
  out[name] = {
    cold,
    warm_median: Object.fromEntries(Object.keys(cold).map((k) => [k, median(warm.map((w) => w[k]))])),
  };
  console.error(`${name}: ${JSON.stringify(out[name])}`);
}
await browser.close();
console.log(JSON.stringify(out, null, 1));
