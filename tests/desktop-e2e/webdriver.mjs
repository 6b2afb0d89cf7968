// A small W3C WebDriver client over fetch (Node 18+), enough to drive the AgendaPack desktop app
// through tauri-driver. Plain HTTP keeps the desktop test free of npm dependencies.
// Deliberately not here: anything about AgendaPack's screens (see app.test.mjs).

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {}

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok || (json.value && json.value.error)) {
    const v = json.value || {};
    throw new WebDriverError(`${method} ${path} failed (${response.status}): ${v.error || ''} ${v.message || text.slice(0, 300)}`);
  }
  return json.value;
}

/** Waits until fn() returns a truthy value, polling every `every` ms, for at most `timeout` ms. */
export async function waitFor(what, fn, { timeout = 20000, every = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new WebDriverError(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, every));
  }
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, capabilities) {
    const value = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd('DELETE', '');
  }

  /** Runs a synchronous script in the page and returns its value. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Runs a script whose last argument is a callback to call with the result. */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  async find(using, value) {
    const found = await this.cmd('POST', '/elements', { using, value });
    return found.map((e) => e[ELEMENT]);
  }

  css(selector) {
    return this.find('css selector', selector);
  }

  xpath(expr) {
    return this.find('xpath', expr);
  }

  click(element) {
    return this.cmd('POST', `/element/${element}/click`, {});
  }

  type(element, text) {
    return this.cmd('POST', `/element/${element}/value`, { text });
  }

  text(element) {
    return this.cmd('GET', `/element/${element}/text`);
  }

  property(element, name) {
    return this.cmd('GET', `/element/${element}/property/${name}`);
  }

  /** A PNG screenshot of the window, taken after two animation frames so it shows the latest paint. */
  async screenshot() {
    await this.executeAsync('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  /** Calls one of the app's Tauri commands from inside the page, as the UI does. */
  async invoke(command, request) {
    const result = await this.executeAsync(
      `const [command, request, done] = arguments;
       window.__TAURI_INTERNALS__.invoke(command, { request })
         .then((value) => done({ ok: true, value }), (error) => done({ ok: false, error }));`,
      [command, request],
    );
    if (!result.ok) {
      throw new WebDriverError(`command ${command} failed: ${JSON.stringify(result.error)}`);
    }
    return result.value;
  }
}
