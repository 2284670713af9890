/**
 * Label matchers in Prometheus / Alertmanager syntax: `service="checkout", env=~"prod|stg"`.
 * Used by the `firebreak.io/alert-selector` entity annotation.
 */

export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  operator: MatchOperator;
  value: string;
  /** Compiled, fully anchored as in Prometheus, for the regex operators. */
  regex?: RegExp;
}

/** A conjunction of matchers: all must hold. */
export type LabelSelector = LabelMatcher[];

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t' };

function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function unquote(raw: string, at: string): string {
  const quote = raw[0];
  if (quote !== '"' && quote !== "'" && quote !== '`') {
    if (/[\s,{}"'`]/.test(raw)) {
      throw new Error(`${at}: unquoted value ${JSON.stringify(raw)}`);
    }
    return raw;
  }
  if (raw.length < 2 || raw[raw.length - 1] !== quote) {
    throw new Error(`${at}: unterminated string ${raw}`);
  }
  const body = raw.slice(1, -1);
  if (quote === '`') {
    return body;
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      const next = body[++i];
      out += ESCAPES[next] ?? next;
    } else if (c === quote) {
      throw new Error(`${at}: unescaped ${quote} in ${raw}`);
    } else {
      out += c;
    }
  }
  return out;
}

/** Splits at top-level commas, respecting quotes. */
function splitMatchers(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      current += c;
      if (c === '\\' && quote !== '`' && i + 1 < text.length) {
        current += text[++i];
      } else if (c === quote) {
        quote = undefined;
      }
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      current += c;
    } else if (c === ',') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (quote) {
    throw new Error(`unterminated string in ${text}`);
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

/** Parses one selector, `{a="b", c=~"d"}` (braces optional). Throws with the problem. */
export function parseSelector(text: string): LabelSelector {
  let body = text.trim();
  if (body.startsWith('{')) {
    if (!body.endsWith('}')) {
      throw new Error(`missing closing brace in ${text}`);
    }
    body = body.slice(1, -1);
  }
  const matchers = splitMatchers(body).map((part, index) => {
    const m = /^([^=!~\s]+)\s*(=~|!~|!=|=)\s*(.*)$/s.exec(part);
    const at = `matcher ${index + 1}`;
    if (!m) {
      throw new Error(`${at}: expected label="value", got ${part}`);
    }
    const [, name, operator, rawValue] = m;
    if (!NAME.test(name)) {
      throw new Error(`${at}: invalid label name ${JSON.stringify(name)}`);
    }
    const value = unquote(rawValue.trim(), at);
    const matcher: LabelMatcher = {
      name,
      operator: operator as MatchOperator,
      value,
    };
    if (operator === '=~' || operator === '!~') {
      try {
        matcher.regex = anchored(value);
      } catch (e) {
        throw new Error(`${at}: invalid regex ${JSON.stringify(value)}: ${e}`);
      }
    }
    return matcher;
  });
  if (matchers.length === 0) {
    throw new Error('empty selector');
  }
  return matchers;
}

/**
 * Parses an annotation value: one selector per line (or separated by `;`), any of which may
 * match. Blank lines and lines starting with `#` are ignored.
 */
export function parseSelectors(text: string): LabelSelector[] {
  return text
    .split(/[\n;]/)
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'))
    .map(parseSelector);
}

/** Prometheus semantics: a missing label has the value ''. */
export function matchesMatcher(
  matcher: LabelMatcher,
  labels: Record<string, string>,
): boolean {
  const value = labels[matcher.name] ?? '';
  switch (matcher.operator) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return matcher.regex!.test(value);
    case '!~':
      return !matcher.regex!.test(value);
    default:
      return false;
  }
}

export function matchesSelector(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  return selector.every(m => matchesMatcher(m, labels));
}
