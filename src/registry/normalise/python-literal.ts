/**
 * A parser for the Python literals found in the Air Force CSV (`{'south': 61, 'east': NaN}`,
 * `['Kharkiv oblast', 'Donetsk oblast']`): dicts, lists, tuples, single- or double-quoted strings with
 * backslash escapes, ints, floats, NaN, inf, None, True, False. Hand-written: no maintained npm package parses
 * Python literals, and JSON.parse rejects single quotes and NaN. It never evaluates code. It runs on every
 * imported row, so it scans with charCodeAt and indexOf and allocates only the values it returns.
 */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export class PyLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset + 1}`);
    this.name = 'PyLiteralError';
  }
}

const ESC: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};
const ATOM = /[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|NaN|nan|-?inf|None|True|False/y;

class Parser {
  i = 0;
  constructor(readonly text: string) {}

  fail(msg: string): never {
    throw new PyLiteralError(msg, this.i);
  }

  ws(): void {
    const t = this.text;
    let i = this.i;
    for (let c = t.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = t.charCodeAt(++i));
    this.i = i;
  }

  value(): PyValue {
    this.ws();
    const c = this.text.charCodeAt(this.i);
    if (c === 123) return this.dict(); // {
    if (c === 91) return this.list(93); // [ ]
    if (c === 40) return this.list(41); // ( )
    if (c === 39 || c === 34) return this.str(c); // ' "
    if (Number.isNaN(c)) return this.fail('unexpected end of text');
    return this.atom();
  }

  /** After an element: a comma (with an optional trailing one before `close`) or `close`. Returns true at the end. */
  sep(close: number, what: string): boolean {
    this.ws();
    const c = this.text.charCodeAt(this.i);
    if (c === close) {
      this.i++;
      return true;
    }
    if (c !== 44) this.fail(`expected ',' or '${what}'`);
    this.i++;
    this.ws();
    if (this.text.charCodeAt(this.i) === close) {
      this.i++;
      return true;
    }
    return false;
  }

  dict(): { [key: string]: PyValue } {
    this.i++;
    const out: { [key: string]: PyValue } = {};
    this.ws();
    if (this.text.charCodeAt(this.i) === 125) {
      this.i++;
      return out;
    }
    for (;;) {
      const k = this.value();
      if (typeof k !== 'string' && typeof k !== 'number') this.fail('dict key must be a string or a number');
      this.ws();
      if (this.text.charCodeAt(this.i) !== 58) this.fail("expected ':'");
      this.i++;
      out[String(k)] = this.value();
      if (this.sep(125, '}')) return out;
    }
  }

  list(close: number): PyValue[] {
    this.i++;
    const out: PyValue[] = [];
    this.ws();
    if (this.text.charCodeAt(this.i) === close) {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      if (this.sep(close, String.fromCharCode(close))) return out;
    }
  }

  str(quote: number): string {
    const t = this.text;
    const q = String.fromCharCode(quote);
    let from = this.i + 1;
    let out = '';
    for (;;) {
      const end = t.indexOf(q, from);
      const bs = t.indexOf('\\', from);
      if (end === -1) {
        this.i = t.length;
        return this.fail('unterminated string');
      }
      if (bs === -1 || bs > end) {
        out += t.slice(from, end);
        this.i = end + 1;
        return out;
      }
      out += t.slice(from, bs);
      const e = t[bs + 1];
      if (e === undefined) {
        this.i = bs;
        return this.fail('unterminated escape');
      }
      if (e === 'u' || e === 'x') {
        const len = e === 'u' ? 4 : 2;
        const hex = t.slice(bs + 2, bs + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) {
          this.i = bs;
          this.fail('bad escape');
        }
        out += String.fromCharCode(parseInt(hex, 16));
        from = bs + 2 + len;
      } else {
        out += ESC[e] ?? `\\${e}`;
        from = bs + 2;
      }
    }
  }

  atom(): PyValue {
    ATOM.lastIndex = this.i;
    const m = ATOM.exec(this.text);
    if (!m) return this.fail('unexpected character');
    const tok = m[0];
    this.i += tok.length;
    switch (tok) {
      case 'None':
        return null;
      case 'True':
        return true;
      case 'False':
        return false;
      case 'NaN':
      case 'nan':
        return Number.NaN;
      case 'inf':
        return Number.POSITIVE_INFINITY;
      case '-inf':
        return Number.NEGATIVE_INFINITY;
      default:
        return Number(tok);
    }
  }
}

export function parsePythonLiteral(text: string): PyValue {
  if (text === '{}') return {};
  if (text === '[]') return [];
  const p = new Parser(text);
  const v = p.value();
  p.ws();
  if (p.i !== text.length) p.fail('unexpected text after the value');
  return v;
}
