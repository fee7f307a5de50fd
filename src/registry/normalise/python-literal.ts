/**
 * A parser for the Python literals found in the Air Force CSV (`{'south': 61, 'east': NaN}`,
 * `['Kharkiv oblast', 'Donetsk oblast']`): dicts, lists, tuples, single- or double-quoted strings with
 * backslash escapes, ints, floats, NaN, inf, None, True, False. Hand-written: no maintained npm package parses
 * Python literals, and JSON.parse rejects single quotes and NaN. It never evaluates code.
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

export function parsePythonLiteral(text: string): PyValue {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (msg: string): never => {
    throw new PyLiteralError(msg, i);
  };
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === undefined) return fail('unexpected end of text');
    if (c === '{') return dict();
    if (c === '[' || c === '(') return list(c === '[' ? ']' : ')');
    if (c === "'" || c === '"') return str(c);
    return atom();
  };
  const dict = (): { [key: string]: PyValue } => {
    i++;
    const out: { [key: string]: PyValue } = {};
    ws();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      const k = value();
      if (typeof k !== 'string' && typeof k !== 'number') fail('dict key must be a string or a number');
      ws();
      if (text[i] !== ':') fail("expected ':'");
      i++;
      out[String(k)] = value();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === '}') {
          i++;
          return out;
        }
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      fail("expected ',' or '}'");
    }
  };
  const list = (close: string): PyValue[] => {
    i++;
    const out: PyValue[] = [];
    ws();
    if (text[i] === close) {
      i++;
      return out;
    }
    for (;;) {
      out.push(value());
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === close) {
          i++;
          return out;
        }
        continue;
      }
      if (text[i] === close) {
        i++;
        return out;
      }
      fail(`expected ',' or '${close}'`);
    }
  };
  const ESC: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '0': '\0',
  };
  const str = (quote: string): string => {
    i++;
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) return fail('unterminated string');
      if (c === quote) {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) return fail('unterminated escape');
        if (e === 'u' || e === 'x') {
          const len = e === 'u' ? 4 : 2;
          const hex = text.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) fail('bad escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 2 + len;
          continue;
        }
        out += ESC[e] ?? `\\${e}`;
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
  };
  const atom = (): PyValue => {
    const m =
      /^(?:[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|NaN|nan|-?inf|None|True|False)/.exec(
        text.slice(i, i + 64),
      );
    if (!m) return fail('unexpected character');
    const tok = m[0];
    i += tok.length;
    if (tok === 'None') return null;
    if (tok === 'True') return true;
    if (tok === 'False') return false;
    if (tok === 'NaN' || tok === 'nan') return Number.NaN;
    if (tok === 'inf') return Number.POSITIVE_INFINITY;
    if (tok === '-inf') return Number.NEGATIVE_INFINITY;
    return Number(tok);
  };
  const v = value();
  ws();
  if (i !== text.length) fail('unexpected text after the value');
  return v;
}
