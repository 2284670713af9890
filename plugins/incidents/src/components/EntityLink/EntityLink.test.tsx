import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityLink } from './EntityLink';

const styleSheets = () => document.head.querySelectorAll('style').length;

describe('EntityLink', () => {
  it('links to the entity page under its display name, with the full ref as title', async () => {
    await renderWithApis(
      <>
        <EntityLink entityRef="user:default/heidi" />
        <EntityLink entityRef="group:default/payments" defaultKind="group" />
      </>,
    );
    const heidi = screen.getByRole('link', { name: /heidi/ });
    expect(heidi).toHaveAttribute('href', '/catalog/default/user/heidi');
    expect(heidi.querySelector('[title]')).toHaveAttribute(
      'title',
      'user:default/heidi',
    );
    expect(screen.getByRole('link', { name: /payments/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/payments',
    );
  });

  it('adds no style sheet per link: a list of 200 costs what one link costs', async () => {
    const refs = Array.from({ length: 200 }, (_, i) => `user:default/u${i}`);
    await renderWithApis(<EntityLink entityRef={refs[0]} />);
    const afterOne = styleSheets();
    await renderWithApis(
      <ul>
        {refs.map(ref => (
          <li key={ref}>
            <EntityLink entityRef={ref} />
          </li>
        ))}
      </ul>,
    );
    expect(screen.getAllByRole('link')).toHaveLength(201);
    expect(styleSheets()).toBe(afterOne);
  });
});
