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
