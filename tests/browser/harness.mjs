// Shared set-up for the browser tests: serve build/site on 127.0.0.1 and drive Debian's
// Chromium through playwright-core (no browser download), with WebGL2 on SwiftShader.
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
export const SITE_DIR = process.env.MLWB_SITE_DIR || join(here, '../../build/site');
export const ARTIFACTS_DIR = process.env.MLWB_ARTIFACTS_DIR || join(here, '../../build/browser-artifacts');

// WebGL through ANGLE on SwiftShader's WebGL-only mode: context creation takes ~25 ms here,
// against 70-900 ms with --use-angle=swiftshader (measured on this machine, Chromium 156).
export const CHROMIUM_ARGS = [
  '--use-gl=angle', '--use-angle=swiftshader-webgl', '--no-sandbox', '--disable-gpu-sandbox',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic', '--disable-dev-shm-usage', '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export async function serveSite() { return startServer(SITE_DIR, 0); }

// Opens the app, fails the test on any page error, and waits for the first frame.
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.evaluate(() => window.mlwb.ready.then(() => true));
  return { page, errors };
}
