// Lighthouse 12.8 on the demo page (mobile defaults: simulated slow 4G and 4× CPU).
import puppeteer from 'puppeteer-core';
import lighthouse from 'lighthouse';
import { CHROME_FLAGS } from '../chrome.mjs';
import { serve } from '../serve.mjs';

export default async function ({ chrome }) {
  const server = await serve();
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: [...CHROME_FLAGS, '--remote-debugging-port=0'] });
  const port = Number(new URL(browser.wsEndpoint()).port);
  try {
    for (const page of ['index.html', 'builder.html']) {
      const result = await lighthouse(`${server.url}/demo/${page}`, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const { categories, audits } = result.lhr;
      const score = (c) => Math.round((categories[c]?.score ?? 0) * 100);
      console.log(
        `demo/${page}: performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}` +
          ` (LCP ${audits['largest-contentful-paint'].displayValue}, TBT ${audits['total-blocking-time'].displayValue}, CLS ${audits['cumulative-layout-shift'].displayValue})`,
      );
      const failed = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary');
      for (const a of failed) console.log(`  not passed: ${a.id} — ${a.title}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}
