import { PageTotal } from '@firebreak/plugin-incidents-common';

/**
 * A list's size as the UI says it: the total when the API counted it ("1000+" when the count
 * stopped at its cap), else the items shown, with "+" when more pages follow.
 */
export function formatCount(
  total: PageTotal | undefined,
  shown: number,
  more: boolean,
): string {
  if (total) {
    return `${total.count.toLocaleString('en-US')}${total.capped ? '+' : ''}`;
  }
  return `${shown}${more ? '+' : ''}`;
}

/**
 * A role title inside a sentence: "Incident commander" → "incident commander", while
 * acronyms and brand-like words stay ("QA strategist", "FinOps specialist").
 */
export function inSentence(title: string): string {
  const [first = ''] = title.split(' ');
  if (/[A-Z]/.test(first.slice(1))) {
    return title;
  }
  return title.charAt(0).toLocaleLowerCase('en-US') + title.slice(1);
}

/**
 * A link target fit to render: http(s) only. Anything else (`javascript:`, `data:`,
 * `vbscript:`, relative tricks) is shown as text, never as a link.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Open pages are counted up to this many; more shows as "99+". */
export const OPEN_PAGE_COUNT_LIMIT = 100;

/** "3", or "99+" when the count reached its limit. */
export function openPagesLabel(count: number): string {
  return count >= OPEN_PAGE_COUNT_LIMIT
    ? `${OPEN_PAGE_COUNT_LIMIT - 1}+`
    : String(count);
}
