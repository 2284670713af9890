import { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { fill } from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityPicker } from './EntityPicker';

const users: Entity[] = ['alice', 'bob'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName: name.toUpperCase() } },
}));

function Harness(props: { onChange(ref?: string): void }) {
  const [value, setValue] = useState<string>();
  return (
    <EntityPicker
      id="picker"
      label="Person"
      kinds={['User']}
      value={value}
      onChange={ref => {
        setValue(ref);
        props.onChange(ref);
      }}
      suggestions={[{ entityRef: 'user:default/sam', reason: 'on call' }]}
    />
  );
}

describe('EntityPicker', () => {
  it('offers suggestions first, then catalog entities of the kinds', async () => {
    const onChange = jest.fn();
    await renderWithApis(<Harness onChange={onChange} />, { entities: users });

    await userEvent.click(screen.getByLabelText('Person'));
    const options = await screen.findAllByRole('option');
    expect(options[0]).toHaveTextContent('user:default/samSuggested: on call');
    expect(
      await screen.findByRole('option', { name: /ALICE/ }),
    ).toHaveTextContent('user:default/alice');
    await userEvent.click(screen.getByRole('option', { name: /BOB/ }));
    expect(onChange).toHaveBeenLastCalledWith('user:default/bob');
  });

  it('takes a typed name as a ref of its first kind', async () => {
    const onChange = jest.fn();
    await renderWithApis(<Harness onChange={onChange} />);
    await fill(userEvent, screen.getByLabelText('Person'), 'Carol');
    await userEvent.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith('user:default/carol');
  });

  it('rejects what cannot be a ref', async () => {
    const onChange = jest.fn();
    await renderWithApis(<Harness onChange={onChange} />);
    await fill(userEvent, screen.getByLabelText('Person'), 'not a ref');
    await userEvent.tab();
    expect(
      screen.getByText('"not a ref" is not an entity ref'),
    ).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });
});
