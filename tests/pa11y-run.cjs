// HTML_CodeSniffer through pa11y over pages of the built site, in one system Chromium
// (tests/test_pa11y.py runs this). Reads {"urls": [...], "ignore": [...], "chromium": path,
// "args": [...]} as JSON on stdin; writes {url: [issues]} as JSON on stdout.
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const config = JSON.parse(input);
  const browser = await puppeteer.launch({ executablePath: config.chromium, args: config.args, headless: true });
  const results = {};
  try {
    for (const url of config.urls) {
      const page = await browser.newPage();
      const result = await pa11y(url, {
        browser,
        page,
        runners: ["htmlcs"],
        standard: "WCAG2AA",
        ignore: config.ignore,
        includeNotices: false,
        includeWarnings: false,
        timeout: 60000,
        viewport: config.viewport,
      });
      results[url] = result.issues.map(({ code, message, selector, context }) => ({ code, message, selector, context }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(2);
});
