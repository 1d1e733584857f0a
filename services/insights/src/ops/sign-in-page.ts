import { html } from 'hono/html';
import type { Html } from './charts.ts';
import { styleTag } from './styles.ts';

/**
 * Asks for the key that opens `/ops`; the browser posts it once and keeps only a session cookie.
 * `nonce` is the one the response's CSP names.
 */
export const signInPage = (nonce: string | undefined, problem?: string): Html => html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Triage ops · sign in</title>
  ${styleTag(nonce)}
</head>
<body>
  <header><h1>Triage operations <span>· sign in</span></h1></header>
  <form class="panel sign-in" method="post" action="/ops/sign-in">
    <label for="key">Your tenant's API key, or the operator token</label>
    <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
    <button type="submit">Sign in</button>
    ${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
  </form>
</body>
</html>`;
