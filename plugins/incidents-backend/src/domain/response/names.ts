/** Actor of what Firebreak does by itself (escalation, backlog hand-over). */
export const SYSTEM_ACTOR = 'plugin:default/incidents';

/** `user:default/alice` → `alice`, `group:ops/sre` → `ops/sre`: how refs read on the timeline. */
export function shortRef(ref: string): string {
  return ref.replace(/^[^:/]+:/, '').replace(/^default\//i, '');
}

/** Entity refs compare case-insensitively in Backstage. */
export function sameRef(a: string | undefined, b: string | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US')
  );
}
