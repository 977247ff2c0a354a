// A small W3C WebDriver client over fetch: enough to drive the real desktop app through
// tauri-driver and WebKitWebDriver without pulling in a whole automation framework.
import { setTimeout as sleep } from 'node:timers/promises';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriver {
  constructor(base) {
    this.base = base;
    this.session = null;
  }

  async command(method, path, body) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await response.json();
    if (!response.ok || payload.value?.error) {
      const { error, message } = payload.value ?? {};
      throw new Error(`${method} ${path}: ${error ?? response.status}: ${message ?? ''}`);
    }
    return payload.value;
  }

  sessionCommand(method, path, body) {
    return this.command(method, `/session/${this.session}${path}`, body);
  }

  async start(capabilities) {
    const value = await this.command('POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    this.session = value.sessionId;
  }

  async quit() {
    if (this.session) await this.command('DELETE', `/session/${this.session}`);
    this.session = null;
  }

  /** Waits until `css` matches an element and returns its reference. */
  async find(css, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      try {
        const value = await this.sessionCommand('POST', '/element', { using: 'css selector', value: css });
        return value[ELEMENT];
      } catch (error) {
        last = error;
        await sleep(100);
      }
    }
    throw new Error(`no element matches ${css} after ${timeout} ms: ${last?.message}`);
  }

  async findAll(css) {
    const values = await this.sessionCommand('POST', '/elements', { using: 'css selector', value: css });
    return values.map((value) => value[ELEMENT]);
  }

  click(element) {
    return this.sessionCommand('POST', `/element/${element}/click`, {});
  }

  type(element, text) {
    return this.sessionCommand('POST', `/element/${element}/value`, { text });
  }

  clear(element) {
    return this.sessionCommand('POST', `/element/${element}/clear`, {});
  }

  text(element) {
    return this.sessionCommand('GET', `/element/${element}/text`);
  }

  execute(script, args = []) {
    return this.sessionCommand('POST', '/execute/sync', { script, args });
  }

  async screenshot() {
    return Buffer.from(await this.sessionCommand('GET', '/screenshot'), 'base64');
  }

  /** Polls `check` until it returns something truthy. */
  async until(check, what, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      try {
        const value = await check();
        if (value) return value;
      } catch (error) {
        last = error;
      }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
  }
}
