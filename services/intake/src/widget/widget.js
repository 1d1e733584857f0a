// Triage chat widget: one <script> tag, no build step on the host page.
//   <script src="https://triage.example.com/widget.js" data-widget-key="wk_..." async></script>
// Optional attributes on the tag:
//   data-locale="es"          its language (en, es, de, fr); else the page's <html lang>, else English
//   data-title="Acme support" the panel's heading
//   data-accent="#0b6e4f"     the launcher's and buttons' colour (#rgb or #rrggbb)
//   data-position="left"      the corner it sits in: right (the default) or left
// A page whose visitor is signed in may add data-user-id="<their id>" and data-user-hash="<hex
// HMAC-SHA256 of that id with the tenant's widget identity secret, computed on the page's server>":
// tickets then carry that customer's tier from the tenant's records. A page with a nonce-based CSP
// gives the script tag its nonce; the widget's styles reuse it.
// Deflection first (top-3 answers while the person types), a ticket only when they still need one.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const data = script.dataset;
  const key = data.widgetKey;
  const identity = data.userId && data.userHash ? { userId: data.userId, userHash: data.userHash } : {};
  const api = new URL(script.src).origin;
  const DEBOUNCE_MS = 350;

  const STRINGS = {
    en: {
      title: 'How can we help?',
      open: 'Help',
      close: 'Close help',
      question: 'Your question',
      placeholder: 'Describe your problem',
      searching: 'Searching…',
      found: 'These articles may help.',
      none: "We couldn't find an article that answers this. Our team can help you directly.",
      ticket: 'Open a ticket',
      solved: 'Did this solve it?',
      yes: 'Yes',
      no: 'No',
      back: 'Back to answers',
      loading: 'Loading the article…',
      newTab: '(opens in a new tab)',
      email: 'Your email, so we can reply (optional)',
      comment: 'Anything else we should know? (optional)',
      badEmail: 'Enter an email address like name@example.com.',
      failed: 'Something went wrong. Please try again.',
      opened: 'Ticket {ref} opened. We will reply to {email}.',
      openedAnonymous: 'Ticket {ref} opened. Quote this reference if you contact us again.',
      thanks: 'Glad that helped!',
      again: 'Ask another question',
    },
    es: {
      title: '¿Cómo podemos ayudarte?',
      open: 'Ayuda',
      close: 'Cerrar la ayuda',
      question: 'Tu pregunta',
      placeholder: 'Describe tu problema',
      searching: 'Buscando…',
      found: 'Estos artículos pueden ayudarte.',
      none: 'No encontramos ningún artículo que responda a esto. Nuestro equipo puede ayudarte directamente.',
      ticket: 'Abrir un ticket',
      solved: '¿Se ha resuelto tu problema?',
      yes: 'Sí',
      no: 'No',
      back: 'Volver a las respuestas',
      loading: 'Cargando el artículo…',
      newTab: '(se abre en una pestaña nueva)',
      email: 'Tu correo, para responderte (opcional)',
      comment: '¿Algo más que debamos saber? (opcional)',
      badEmail: 'Escribe una dirección de correo como nombre@ejemplo.com.',
      failed: 'Algo salió mal. Inténtalo de nuevo.',
      opened: 'Ticket {ref} abierto. Te responderemos a {email}.',
      openedAnonymous: 'Ticket {ref} abierto. Menciona esta referencia si vuelves a contactarnos.',
      thanks: '¡Nos alegra haberte ayudado!',
      again: 'Hacer otra pregunta',
    },
    de: {
      title: 'Wie können wir helfen?',
      open: 'Hilfe',
      close: 'Hilfe schließen',
      question: 'Ihre Frage',
      placeholder: 'Beschreiben Sie Ihr Problem',
      searching: 'Suche läuft…',
      found: 'Diese Artikel könnten helfen.',
      none: 'Wir haben keinen Artikel gefunden, der das beantwortet. Unser Team hilft Ihnen direkt weiter.',
      ticket: 'Ticket eröffnen',
      solved: 'Hat das Ihr Problem gelöst?',
      yes: 'Ja',
      no: 'Nein',
      back: 'Zurück zu den Antworten',
      loading: 'Artikel wird geladen…',
      newTab: '(öffnet in neuem Tab)',
      email: 'Ihre E-Mail-Adresse für unsere Antwort (optional)',
      comment: 'Möchten Sie noch etwas ergänzen? (optional)',
      badEmail: 'Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.',
      failed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
      opened: 'Ticket {ref} eröffnet. Wir antworten an {email}.',
      openedAnonymous: 'Ticket {ref} eröffnet. Bitte nennen Sie diese Nummer, wenn Sie uns erneut schreiben.',
      thanks: 'Schön, dass wir helfen konnten!',
      again: 'Neue Frage stellen',
    },
    fr: {
      title: 'Comment pouvons-nous vous aider\u00a0?',
      open: 'Aide',
      close: "Fermer l'aide",
      question: 'Votre question',
      placeholder: 'Décrivez votre problème',
      searching: 'Recherche…',
      found: 'Ces articles peuvent vous aider.',
      none: "Nous n'avons trouvé aucun article qui réponde à cette question. Notre équipe peut vous aider directement.",
      ticket: 'Ouvrir un ticket',
      solved: 'Cela a-t-il résolu votre problème\u00a0?',
      yes: 'Oui',
      no: 'Non',
      back: 'Retour aux réponses',
      loading: "Chargement de l'article…",
      newTab: "(s'ouvre dans un nouvel onglet)",
      email: 'Votre e-mail, pour vous répondre (facultatif)',
      comment: 'Autre chose à nous dire\u00a0? (facultatif)',
      badEmail: 'Saisissez une adresse e-mail comme nom@exemple.fr.',
      failed: "Une erreur s'est produite. Veuillez réessayer.",
      opened: 'Ticket {ref} ouvert. Nous vous répondrons à {email}.',
      openedAnonymous: 'Ticket {ref} ouvert. Rappelez cette référence si vous nous recontactez.',
      thanks: "Ravis d'avoir pu vous aider\u00a0!",
      again: 'Poser une autre question',
    },
  };
  const lang = (data.locale || document.documentElement.lang || 'en').toLowerCase().split('-')[0];
  const locale = STRINGS[lang] ? lang : 'en';
  const t = STRINGS[locale];
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => values[name]);

  // The accent is written into the stylesheet, so only a plain hex colour is taken.
  const accent = /^#(?:[0-9a-f]{3}){1,2}$/i.test(data.accent || '') ? data.accent : '#1d4ed8';
  const luminance = (hex) => {
    const h = hex.length === 4 ? hex.replace(/\w/g, '$&$&') : hex;
    return [1, 3, 5]
      .map((i) => Number.parseInt(h.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  };
  // A site's light accent keeps its colour, with dark text on it; links fall back to the text colour (WCAG AA, 4.5:1).
  const readableOnWhite = 1.05 / (luminance(accent) + 0.05) >= 4.5;
  const onAccent = readableOnWhite ? '#fff' : '#111827';
  const link = readableOnWhite ? accent : '#1d2330';

  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name.includes('-') || name === 'role') node.setAttribute(name, value);
      else node[name] = value;
    }
    node.append(...children);
    return node;
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
  const externalLink = (text, href) =>
    el('a', { href, target: '_blank', rel: 'noopener' }, text, el('span', { className: 'sr', textContent: ` ${t.newTab}` }));

  // Articles are Markdown written by the tenant: a small subset is rebuilt as elements, everything else stays text.
  const inline = (text) => {
    const parts = [];
    const syntax = /\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
    let last = 0;
    for (const m of text.matchAll(syntax)) {
      parts.push(text.slice(last, m.index));
      if (m[1]) parts.push(el('strong', { textContent: m[1] }));
      else if (m[2]) parts.push(el('code', { textContent: m[2] }));
      else parts.push(webUrl(m[4]) ? externalLink(m[3], webUrl(m[4])) : m[3]);
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  };
  const renderArticle = (markdown) => {
    const blocks = [];
    let list = null;
    let open = null; // the paragraph or list item a continuation line joins
    let code = null;
    for (const raw of markdown.split('\n')) {
      const line = raw.trim();
      if (/^(```|~~~)/.test(line)) {
        code = code ? null : el('pre');
        if (code) blocks.push(code);
        list = open = null;
      } else if (code) code.textContent += `${raw}\n`;
      else if (!line) list = open = null;
      else if (/^#{1,6}\s/.test(line)) {
        blocks.push(el('h4', {}, ...inline(line.replace(/^#+\s+/, ''))));
        list = open = null;
      } else if (/^([-*+]|\d+[.)])\s/.test(line)) {
        const tag = /^\d/.test(line) ? 'OL' : 'UL';
        if (list?.tagName !== tag) {
          // A numbered list split by blank lines goes on counting from its own numbers.
          list = el(tag, tag === 'OL' ? { start: Number.parseInt(line, 10) } : {});
          blocks.push(list);
        }
        open = el('li', {}, ...inline(line.replace(/^\S+\s+/, '')));
        list.append(open);
      } else if (open) open.append(' ', ...inline(line));
      else {
        open = el('p', {}, ...inline(line.replace(/^>\s*/, '')));
        blocks.push(open);
      }
    }
    return blocks;
  };

  const host = document.createElement('div');
  host.id = 'triage-widget';
  host.dataset.position = data.position === 'left' ? 'left' : 'right';
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style');
  style.nonce = script.nonce;
  style.textContent = `
    :host { all: initial; --accent: ${accent}; --on-accent: ${onAccent}; --link: ${link}; }
    * { box-sizing: border-box; }
    .launcher, .box { position: fixed; right: 20px; z-index: 2147483000; font: 15px/1.45 system-ui, sans-serif; }
    :host([data-position=left]) .launcher, :host([data-position=left]) .box { right: auto; left: 20px; }
    .launcher { bottom: 20px; min-height: 48px; padding: 0 20px; border-radius: 24px; background: var(--accent);
      color: var(--on-accent); font-weight: 600; box-shadow: 0 4px 16px rgba(20, 30, 50, .25); }
    .box { bottom: 80px; width: 360px; max-height: calc(100vh - 100px); overflow: auto; background: #fff; color: #1d2330;
      border: 1px solid #8a93a6; border-radius: 12px; box-shadow: 0 8px 28px rgba(20, 30, 50, .18); padding: 14px 16px 16px; }
    @media (max-width: 480px) {
      .launcher { right: 12px; bottom: 12px; } :host([data-position=left]) .launcher { left: 12px; }
      .launcher[aria-expanded=true] { display: none; }
      .box, :host([data-position=left]) .box { left: 8px; right: 8px; bottom: 8px; width: auto; max-height: calc(100dvh - 16px); }
    }
    header { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 8px; }
    h2 { font-size: 17px; margin: 0; } h3 { font-size: 16px; margin: 10px 0 6px; } h4 { font-size: 15px; margin: 12px 0 4px; }
    label { display: block; font-weight: 600; margin: 8px 0 4px; }
    textarea, input { width: 100%; border: 1px solid #6b7489; border-radius: 8px; padding: 8px; font: inherit; color: inherit; background: #fff; }
    textarea { min-height: 60px; resize: vertical; }
    [aria-invalid=true] { border-color: #b42318; }
    :focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
    ol.answers { margin: 8px 0; padding: 0; list-style: none; } ol.answers li { margin-bottom: 12px; }
    a, .link { color: var(--link); font-weight: 600; text-decoration: underline; }
    .link { background: none; border: 0; padding: 0; margin: 0; text-align: left; font: inherit; font-weight: 600; cursor: pointer; }
    .snippet { color: #4a5468; font-size: 14px; margin-top: 2px; }
    .status { color: #4a5468; font-size: 14px; margin: 6px 0 0; min-height: 1.45em; }
    .error { color: #b42318; font-size: 14px; margin: 4px 0 0; }
    .error:empty { display: none; }
    button { border: 0; border-radius: 8px; padding: 8px 14px; font: inherit; cursor: pointer; min-height: 40px; }
    .primary { background: var(--accent); color: var(--on-accent); font-weight: 600; }
    .secondary { background: #e8ebf1; color: #1d2330; }
    .close { background: none; color: #1d2330; font-size: 22px; line-height: 1; padding: 4px 10px; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 10px; }
    .row p { margin: 0; flex-basis: 100%; }
    /* Below a long article the question stays in view. */
    .ask { position: sticky; bottom: -16px; background: #fff; margin-bottom: -16px; padding: 8px 0 16px; border-top: 1px solid #d5dae3; }
    .reader { border-top: 1px solid #d5dae3; margin-top: 10px; }
    .reader pre { white-space: pre-wrap; background: #f3f5f9; padding: 8px; border-radius: 6px; }
    .reader code { background: #f3f5f9; padding: 0 3px; border-radius: 4px; }
    .reader ul, .reader ol { padding-left: 20px; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    [hidden] { display: none !important; }`;

  const launcher = el('button', { className: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'triage-panel', textContent: t.open });
  const heading = el('h2', { id: 'triage-title', textContent: data.title || t.title });
  const closeButton = el('button', { className: 'close', 'aria-label': t.close, textContent: '×' });
  const question = el('textarea', { id: 'triage-question', className: 'question', placeholder: t.placeholder });
  const status = el('p', { className: 'status', role: 'status' });
  const answers = el('ol', { className: 'answers' });
  const yes = el('button', { className: 'yes primary', textContent: t.yes });
  const no = el('button', { className: 'no secondary', textContent: t.no });
  const ask = el('div', { className: 'ask row' }, el('p', { textContent: t.solved }), yes, no);
  const ticketNow = el('button', { className: 'ticket primary', textContent: t.ticket });
  const none = el('div', { className: 'none row' }, ticketNow);
  const back = el('button', { className: 'back link', textContent: `← ${t.back}` });
  const articleTitle = el('h3', { tabIndex: -1 });
  const articleBody = el('div');
  const reader = el('div', { className: 'reader' }, back, articleTitle, articleBody);
  const email = el('input', {
    id: 'triage-email',
    className: 'email',
    type: 'email',
    autocomplete: 'email',
    'aria-describedby': 'triage-email-error',
  });
  const emailError = el('p', { id: 'triage-email-error', className: 'error' });
  const comment = el('textarea', { id: 'triage-comment', className: 'comment' });
  const formError = el('p', { className: 'error', role: 'alert' });
  const submit = el('button', { type: 'submit', className: 'submit primary', textContent: t.ticket });
  const form = el(
    'form',
    { className: 'form', noValidate: true },
    el('label', { htmlFor: 'triage-email', textContent: t.email }),
    email,
    emailError,
    el('label', { htmlFor: 'triage-comment', textContent: t.comment }),
    comment,
    formError,
    el('div', { className: 'row' }, submit),
  );
  const doneMessage = el('p', { role: 'status' });
  const again = el('button', { className: 'again secondary', textContent: t.again });
  const done = el('div', { className: 'done' }, doneMessage, again);
  const asking = el('div', {}, el('label', { htmlFor: 'triage-question', textContent: t.question }), question, status);
  const sections = { question: asking, answers, reader, ask, none, form, done };
  const box = el(
    'div',
    { id: 'triage-panel', className: 'box', role: 'dialog', 'aria-labelledby': 'triage-title', lang: locale, hidden: true },
    el('header', {}, heading, closeButton),
    ...Object.values(sections),
  );
  root.append(style, launcher, box);

  const view = (...names) => {
    for (const [name, section] of Object.entries(sections)) section.hidden = !names.includes(name);
  };

  const call = async (path, body) => {
    const res = await fetch(api + path, {
      method: body ? 'POST' : 'GET',
      headers: { 'x-widget-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(json.message || `request failed (${res.status})`), { issues: json.issues || [] });
    return json;
  };

  let deflectionId = null;
  let openedArticle = null;
  let opener = null;
  let timer = null;
  let latest = 0;

  const setOpen = (open) => {
    box.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) (done.hidden ? question : again).focus();
    else launcher.focus();
  };
  launcher.addEventListener('click', () => setOpen(box.hidden));
  closeButton.addEventListener('click', () => setOpen(false));
  // On the launcher too: on a desktop it stays in view, and focus may be back on it while the panel is open.
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !box.hidden) setOpen(false);
  });

  const readArticle = async (solution, button) => {
    openedArticle = solution.articleId;
    opener = button;
    articleTitle.textContent = solution.title;
    articleBody.replaceChildren(el('p', { className: 'status', textContent: t.loading }));
    view('question', 'reader', 'ask');
    articleTitle.focus();
    // Another article opened, or a new answer arrived, before this one loaded: it is not shown.
    const stillOpen = () => opener === button && openedArticle === solution.articleId;
    try {
      const article = await call(`/v1/deflect/articles/${encodeURIComponent(solution.articleId)}`);
      if (stillOpen()) articleBody.replaceChildren(...renderArticle(article.body));
    } catch {
      if (stillOpen()) articleBody.replaceChildren(el('p', { className: 'error', textContent: t.failed }));
    }
  };
  back.addEventListener('click', () => {
    view('question', 'answers', 'ask');
    opener?.focus();
  });

  const answerItem = (solution) => {
    const href = solution.url && webUrl(solution.url);
    const title = href ? externalLink(solution.title, href) : el('button', { className: 'link', textContent: solution.title });
    // An article read on its own page is the opened one as much as one read here: the verdict counts for it.
    title.addEventListener('click', () => {
      if (href) openedArticle = solution.articleId;
      else readArticle(solution, title);
    });
    return el('li', {}, title, el('div', { className: 'snippet', textContent: solution.snippet }));
  };

  const deflect = async () => {
    const text = question.value.trim();
    const mine = ++latest;
    if (text.length < 3) {
      // Answers to a question since erased would stay on screen as if they answered the new one.
      view('question');
      status.textContent = '';
      return;
    }
    status.textContent = t.searching;
    try {
      const result = await call('/v1/deflect', { question: text });
      if (mine !== latest) return; // a newer keystroke already asked
      deflectionId = result.deflectionId;
      openedArticle = null;
      // Below the self-serve threshold the articles are not answers: a ticket is offered instead.
      const helpful = result.deflectable && result.solutions.length > 0;
      answers.replaceChildren(...(helpful ? result.solutions.map(answerItem) : []));
      view('question', ...(helpful ? ['answers', 'ask'] : ['none']));
      status.textContent = helpful ? t.found : t.none;
    } catch {
      if (mine === latest) status.textContent = t.failed;
    }
  };
  question.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(deflect, DEBOUNCE_MS);
  });

  const finish = (message) => {
    doneMessage.textContent = message;
    view('done');
    again.focus();
  };
  const feedback = (body) =>
    call(`/v1/deflect/${deflectionId}/feedback`, { ...body, ...(openedArticle ? { articleId: openedArticle } : {}) });

  yes.addEventListener('click', async () => {
    try {
      await feedback({ resolved: true });
      finish(t.thanks);
    } catch {
      status.textContent = t.failed;
    }
  });
  const offerTicket = () => {
    status.textContent = '';
    view('question', 'form');
    email.focus();
  };
  no.addEventListener('click', offerTicket);
  ticketNow.addEventListener('click', offerTicket);

  const showEmailError = (message) => {
    emailError.textContent = message;
    email.setAttribute('aria-invalid', String(Boolean(message)));
    if (message) email.focus();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const address = email.value.trim();
    formError.textContent = '';
    showEmailError(address && !email.checkValidity() ? t.badEmail : '');
    if (emailError.textContent) return;
    const note = comment.value.trim();
    submit.disabled = true;
    try {
      const result = await feedback({
        resolved: false,
        ...identity,
        ...(address ? { customer: { email: address } } : {}),
        ...(note ? { comment: note } : {}),
      });
      host.dataset.ticketId = result.ticketId;
      // Agents see the ticket's id; its first eight characters find it, and read aloud well enough.
      const ref = `#${result.ticketId.slice(0, 8).toUpperCase()}`;
      finish(fill(address ? t.opened : t.openedAnonymous, { ref, email: address }));
    } catch (err) {
      if (err.issues?.some((issue) => issue.path.startsWith('customer.email'))) showEmailError(t.badEmail);
      else formError.textContent = t.failed;
    } finally {
      submit.disabled = false;
    }
  });

  again.addEventListener('click', () => {
    // A search still waiting would bring back answers to the question just cleared.
    clearTimeout(timer);
    latest++;
    for (const field of [question, email, comment]) field.value = '';
    showEmailError('');
    answers.replaceChildren();
    status.textContent = '';
    deflectionId = openedArticle = null;
    delete host.dataset.ticketId;
    view('question');
    question.focus();
  });

  view('question');
  document.body.append(host);
})();
