import { ensureChromium } from '../harness/chromium.ts';

/**
 * Debian's Chromium for the browser tests, installed once before any test file runs: two files
 * installing it on first use would race for the package manager's lock, or one would launch it
 * while the other is still unpacking it.
 */
export default function setup(): void {
  ensureChromium();
}
