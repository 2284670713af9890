import {
  COMPONENT_STATE_TITLES,
  ComponentState,
  StatusPage,
} from '@firebreak/plugin-incidents-common';

const COLOURS: Record<ComponentState, string> = {
  operational: '#1e8e3e',
  degraded: '#c59a00',
  'partial-outage': '#e8710a',
  'major-outage': '#d93025',
};

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );
}

function state(value: ComponentState): string {
  return `<span class="state" style="color:${COLOURS[value]}">${escapeHtml(
    COMPONENT_STATE_TITLES[value],
  )}</span>`;
}

function when(iso: string): string {
  return escapeHtml(iso.replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, ' UTC'));
}

/** A self-contained page: no script, inline styles, readable on a phone. */
export function renderStatusHtml(
  page: StatusPage,
  options: { title: string; subscribeAction?: string; message?: string },
): string {
  const components = page.components
    .map(
      c =>
        `<li class="component"><div class="row"><strong>${escapeHtml(
          c.title,
        )}</strong>${state(
          c.state,
        )}</div><div class="bars" aria-label="Last 90 days">${c.history
          .map(
            d =>
              `<span title="${d.date}: ${escapeHtml(
                COMPONENT_STATE_TITLES[d.state],
              )}" style="background:${COLOURS[d.state]}"></span>`,
          )
          .join('')}</div></li>`,
    )
    .join('');
  const incidents = page.incidents
    .map(
      i =>
        `<article class="incident"><h3>${escapeHtml(i.title)} ${
          i.resolved ? '<small>Resolved</small>' : state(i.impact)
        }</h3>${i.updates
          .map(
            u =>
              `<p><time>${when(u.at)}</time><br>${escapeHtml(u.body).replace(
                /\n/g,
                '<br>',
              )}</p>`,
          )
          .join('')}</article>`,
    )
    .join('');
  const overall =
    page.state === 'operational'
      ? 'All systems operational'
      : COMPONENT_STATE_TITLES[page.state];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>
body{font-family:system-ui,-apple-system,sans-serif;margin:0 auto;max-width:44rem;padding:1rem;color:#202124}
.banner{padding:1rem;border-radius:6px;color:#fff;font-weight:600;background:${
    COLOURS[page.state]
  }}
ul{list-style:none;padding:0}.component{border-bottom:1px solid #ddd;padding:.6rem 0}
.row{display:flex;justify-content:space-between;gap:1rem}.state{font-weight:600}
.bars{display:flex;gap:1px;margin-top:.4rem;height:1.4rem}.bars span{flex:1;border-radius:1px}
.incident{border-left:4px solid #ddd;padding-left:.8rem;margin:1rem 0}time{color:#5f6368;font-size:.85rem}
form{display:flex;gap:.5rem;flex-wrap:wrap}input{flex:1;min-width:12rem;padding:.5rem}button{padding:.5rem 1rem}
</style></head><body>
<h1>${escapeHtml(options.title)}</h1>
${
  options.message
    ? `<p role="status"><strong>${escapeHtml(options.message)}</strong></p>`
    : ''
}
<div class="banner">${escapeHtml(overall)}</div>
<h2>Components</h2><ul>${
    components || '<li>No components are published.</li>'
  }</ul>
<h2>Incidents</h2>${incidents || '<p>No incidents in the last 90 days.</p>'}
${
  options.subscribeAction
    ? `<h2>Get updates by email</h2><form method="post" action="${escapeHtml(
        options.subscribeAction,
      )}"><input type="email" name="email" required placeholder="you@example.com" aria-label="Email address"><button type="submit">Subscribe</button></form>`
    : ''
}
<p><small>Updated ${when(page.generatedAt)}</small></p>
</body></html>`;
}
