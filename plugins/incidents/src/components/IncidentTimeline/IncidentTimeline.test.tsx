import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/render';
import { makeEntry } from '../../testing/fixtures';
import { IncidentTimeline } from './IncidentTimeline';

// Built, not written: the linter rightly refuses script URLs in code.
const SCRIPT_URL = ['javascript', 'window.pwned=true'].join(':');

const HOSTILE = [
  '<script>window.pwned = true</script>',
  '<img src=x onerror="window.pwned = true">',
  `[click](${SCRIPT_URL}) **bold**`,
  `<a href="${SCRIPT_URL}">x</a>`,
].join('\n');

describe('IncidentTimeline', () => {
  it('renders notes and evidence inert: no markup, no handlers, no script or data links', async () => {
    await renderWithApis(
      <IncidentTimeline
        entries={[
          makeEntry({ id: '1', kind: 'note', body: HOSTILE }),
          makeEntry({
            id: '2',
            kind: 'evidence',
            body: 'Evidence',
            details: { url: SCRIPT_URL },
          }),
          makeEntry({
            id: '3',
            kind: 'evidence',
            body: 'Evidence',
            details: {
              url: 'data:text/html,<script>window.pwned=true</script>',
            },
          }),
          makeEntry({
            id: '4',
            kind: 'evidence',
            body: 'Evidence',
            details: { url: 'https://grafana.example.com/d/1' },
          }),
        ]}
      />,
    );
    // The text is shown as written, not interpreted.
    expect(
      screen.getByText(/<script>window.pwned = true<\/script>/),
    ).toBeInTheDocument();
    const list = screen.getByRole('list');
    expect(list.querySelector('script, img, [onerror]')).toBeNull();
    const hrefs = Array.from(list.querySelectorAll('a')).map(a =>
      a.getAttribute('href'),
    );
    expect(hrefs.filter(h => h && !h.startsWith('/'))).toEqual([
      'https://grafana.example.com/d/1',
    ]);
    expect((window as any).pwned).toBeUndefined();
    // The refused links are still readable as text.
    expect(screen.getByText(SCRIPT_URL)).toBeInTheDocument();
  });
});
