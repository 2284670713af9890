import { matchesSelector, parseSelector, parseSelectors } from './matchers';

describe('label selectors', () => {
  it('parses Prometheus matchers with all four operators', () => {
    const selector = parseSelector(
      '{service="checkout", env=~"prod|staging", team!="x", job!~"tmp.*"}',
    );
    expect(selector.map(m => [m.name, m.operator, m.value])).toEqual([
      ['service', '=', 'checkout'],
      ['env', '=~', 'prod|staging'],
      ['team', '!=', 'x'],
      ['job', '!~', 'tmp.*'],
    ]);
    expect(
      matchesSelector(selector, {
        service: 'checkout',
        env: 'prod',
        job: 'api',
      }),
    ).toBe(true);
    expect(
      matchesSelector(selector, { service: 'checkout', env: 'production' }),
    ).toBe(false); // regexes are anchored, as in Prometheus
    expect(
      matchesSelector(selector, {
        service: 'checkout',
        env: 'prod',
        job: 'tmp-1',
      }),
    ).toBe(false);
  });

  it('treats a missing label as the empty string', () => {
    expect(matchesSelector(parseSelector('region=""'), {})).toBe(true);
    expect(matchesSelector(parseSelector('region!=""'), {})).toBe(false);
  });

  it('accepts braces-less, unquoted and escaped values', () => {
    expect(parseSelector('a=b').map(m => m.value)).toEqual(['b']);
    expect(parseSelector('a="x\\"y, z"').map(m => m.value)).toEqual(['x"y, z']);
    expect(parseSelector("a='q'").map(m => m.value)).toEqual(['q']);
  });

  it('reads one selector per line or per semicolon, skipping comments', () => {
    const selectors = parseSelectors(
      '# checkout alerts\nservice="checkout"\njob="checkout-api"; app="co"',
    );
    expect(selectors).toHaveLength(3);
  });

  it('names the problem of an invalid selector', () => {
    expect(() => parseSelector('service')).toThrow(
      /matcher 1: expected label="value"/,
    );
    expect(() => parseSelector('1x="a"')).toThrow(/invalid label name/);
    expect(() => parseSelector('a=~"("')).toThrow(/invalid regex/);
    expect(() => parseSelector('a="open')).toThrow(/unterminated/);
    expect(() => parseSelector('{a="b"')).toThrow(/missing closing brace/);
    expect(() => parseSelector('{}')).toThrow(/empty selector/);
  });
});
