// Triage chat widget: one <script> tag, no build step on the host page.
//   <script src="https://triage.example.com/widget.js" data-widget-key="wk_..." async></script>
// A page whose visitor is signed in may add data-user-id="<their id>" and data-user-hash="<hex
// HMAC-SHA256 of that id with the tenant's widget identity secret, computed on the page's server>":
// tickets then carry that customer's tier from the tenant's records. A page with a nonce-based CSP
// gives the script tag its nonce; the widget's styles reuse it.
// Deflection first (top-3 answers while the person types), a ticket only when they still need one.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const key = script.dataset.widgetKey;
  const { userId, userHash } = script.dataset;
  const identity = userId && userHash ? { userId, userHash } : {};
  const api = new URL(script.src).origin;
  const DEBOUNCE_MS = 350;

  const host = document.createElement('div');
  host.id = 'triage-widget';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `
    <style nonce="${script.nonce}">
      :host { all: initial; }
      .box { position: fixed; right: 20px; bottom: 20px; width: 340px; font: 14px/1.4 system-ui, sans-serif;
             background: #fff; color: #1d2330; border: 1px solid #d5dae3; border-radius: 12px;
             box-shadow: 0 8px 28px rgba(20, 30, 50, .18); padding: 14px; z-index: 2147483000; }
      h2 { font-size: 15px; margin: 0 0 8px; }
      textarea, input { width: 100%; box-sizing: border-box; border: 1px solid #c4cbd8; border-radius: 8px;
             padding: 8px; font: inherit; }
      textarea { min-height: 56px; resize: vertical; }
      ol { margin: 10px 0; padding-left: 20px; }
      li { margin-bottom: 8px; }
      a { color: #2456c8; font-weight: 600; text-decoration: none; }
      .snippet { color: #4a5468; font-size: 12.5px; }
      .ask, .form, .done { margin-top: 8px; }
      button { border: 0; border-radius: 8px; padding: 7px 12px; font: inherit; cursor: pointer; margin-right: 6px; }
      .yes { background: #1f9d55; color: #fff; } .no { background: #e8ebf1; color: #1d2330; }
      .submit { background: #2456c8; color: #fff; margin-top: 6px; }
      .status { color: #6b7489; font-size: 12px; min-height: 16px; margin-top: 4px; }
      [hidden] { display: none !important; }
    </style>
    <div class="box" role="dialog" aria-label="Help">
      <h2>How can we help?</h2>
      <textarea class="question" placeholder="Describe your problem…" aria-label="Your question"></textarea>
      <div class="status" aria-live="polite"></div>
      <ol class="answers" hidden></ol>
      <div class="ask" hidden>Did this solve it?
        <button class="yes">Yes</button><button class="no">No</button></div>
      <div class="form" hidden>
        <input class="email" type="email" placeholder="Your email" aria-label="Your email">
        <button class="submit">Open a ticket</button></div>
      <div class="done" hidden></div>
    </div>`;

  const $ = (selector) => root.querySelector(selector);
  const question = $('.question');
  const status = $('.status');
  const answers = $('.answers');
  const ask = $('.ask');
  const form = $('.form');
  const done = $('.done');
  let deflectionId = null;
  let timer = null;
  let latest = 0;

  const call = async (path, body) => {
    const res = await fetch(api + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-key': key },
      body: JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.message || `request failed (${res.status})`);
    return json;
  };

  // Only web links are followed: a javascript: or data: URL in an article would run in the host page.
  const webUrl = (url) => {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch {
      return null;
    }
  };

  const titleOf = (solution) => {
    const href = solution.url && webUrl(solution.url);
    if (!href) {
      const title = document.createElement('strong');
      title.textContent = solution.title;
      return title;
    }
    const a = document.createElement('a');
    a.textContent = solution.title;
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener';
    return a;
  };

  const render = (solutions) => {
    answers.replaceChildren(
      ...solutions.map((s) => {
        const li = document.createElement('li');
        const title = titleOf(s);
        const p = document.createElement('div');
        p.className = 'snippet';
        p.textContent = s.snippet;
        li.append(title, p);
        return li;
      }),
    );
    answers.hidden = solutions.length === 0;
    ask.hidden = solutions.length === 0;
  };

  const deflect = async () => {
    const text = question.value.trim();
    if (text.length < 3) return;
    const mine = ++latest;
    status.textContent = 'Searching…';
    try {
      const result = await call('/v1/deflect', { question: text });
      if (mine !== latest) return; // a newer keystroke already asked
      deflectionId = result.deflectionId;
      render(result.solutions);
      status.textContent = result.solutions.length ? '' : 'No article matches yet.';
      form.hidden = result.solutions.length !== 0;
    } catch (err) {
      status.textContent = err.message;
    }
  };

  question.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(deflect, DEBOUNCE_MS);
  });

  const finish = (message) => {
    ask.hidden = true;
    form.hidden = true;
    done.hidden = false;
    done.textContent = message;
  };

  $('.yes').addEventListener('click', async () => {
    await call(`/v1/deflect/${deflectionId}/feedback`, { resolved: true });
    finish('Glad that helped!');
  });
  $('.no').addEventListener('click', () => {
    ask.hidden = true;
    form.hidden = false;
    $('.email').focus();
  });
  $('.submit').addEventListener('click', async () => {
    const email = $('.email').value.trim();
    try {
      const result = await call(`/v1/deflect/${deflectionId}/feedback`, {
        resolved: false,
        ...identity,
        ...(email ? { customer: { email } } : {}),
      });
      finish(`Ticket ${result.ticketId} opened. We will reply by email.`);
      host.dataset.ticketId = result.ticketId;
    } catch (err) {
      status.textContent = err.message;
    }
  });

  document.body.append(host);
})();
