/**
 * GraphiQL in a real browser with the network cut off: Debian's chromium, driven by
 * playwright-core, may only reach loopback. It loads the page, runs the pre-filled query with the
 * pre-filled header, and must show demo users from the emulator in the result pane.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)(
  'GraphiQL in headless Chromium, offline',
  () => {
    let t: TestGateway;
    let context: BrowserContext;
    let profile: string;
    const blocked: string[] = [];

    beforeAll(async () => {
      t = await startTestGateway({ mode: 'embedded' });
      profile = mkdtempSync(join(tmpdir(), 'gateway-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
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
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
        blocked.push(url.href);
        return route.abort('internetdisconnected');
      });
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
      await t?.close();
    });

    it('renders, runs the pre-filled query and shows demo users', async () => {
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      const response = await page.goto(t.info.graphqlUrl, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-encoding']).toBe('gzip');

      const execute = page.locator('.graphiql-execute-button');
      await execute.waitFor({ state: 'visible', timeout: 20_000 });
      // Monaco renders spaces as no-break spaces.
      const editorText = async () =>
        ((await page.locator('.graphiql-query-editor').textContent()) ?? '').replace(
          /\u00a0/g,
          ' ',
        );
      await expect.poll(editorText, { timeout: 10_000 }).toContain('users(first: 5)');
      await execute.click();

      const resultText = async () =>
        ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\u00a0/g, ' ');
      await expect.poll(resultText, { timeout: 20_000 }).toMatch(/"totalCount": \d+/);
      const text = await resultText();
      expect(text).toContain('"uid": "');
      expect(text).toMatch(/"name": "[A-Z][a-z]+ [A-Z][a-z]+"/);
      expect(text).not.toContain('UNAUTHENTICATED');

      expect(blocked).toEqual([]);
      expect(pageErrors).toEqual([]);
    }, 60_000);
  },
);
