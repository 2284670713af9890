import { renderInTestApp } from '@backstage/test-utils';
import {
  DEFAULT_SEVERITY_LEVELS,
  SEVERITIES,
} from '@firebreak/plugin-incidents-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IncidentPolicyState } from '../../hooks';
import { ImpactFields, SeverityField, TitleField } from './DeclarationFields';

const severities = SEVERITIES.map(s => DEFAULT_SEVERITY_LEVELS[s]);

function policy(error?: Error): IncidentPolicyState {
  return {
    severities,
    loading: false,
    error,
    level: s => DEFAULT_SEVERITY_LEVELS[s],
  };
}

describe('DeclarationFields', () => {
  it('labels the title and shows its error instead of the hint', async () => {
    const onChange = jest.fn();
    const { rerender } = await renderInTestApp(
      <TitleField
        idPrefix="test"
        value=""
        onChange={onChange}
        hint="A hint"
        disabled={false}
      />,
    );
    const title = screen.getByRole('textbox', { name: 'Title' });
    expect(title).toHaveAttribute('id', 'test-title-field');
    expect(screen.getByText('A hint')).toBeInTheDocument();
    await userEvent.type(title, 'x');
    expect(onChange).toHaveBeenCalledWith('x');

    rerender(
      <TitleField
        idPrefix="test"
        value=""
        onChange={onChange}
        error="Give the incident a title"
        hint="A hint"
        disabled={false}
      />,
    );
    expect(screen.getByText('Give the incident a title')).toBeInTheDocument();
    expect(screen.queryByText('A hint')).not.toBeInTheDocument();
  });

  it('offers one radio per severity and warns only when asked to', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <SeverityField
        policy={policy(new Error('down'))}
        onChange={onChange}
        disabled={false}
      />,
    );
    expect(screen.getAllByRole('radio')).toHaveLength(SEVERITIES.length);
    expect(
      screen.queryByText(/Could not load the severity policy/),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: /^SEV1 — / }));
    expect(onChange).toHaveBeenCalledWith('SEV1');
  });

  it('warns when the policy could not be loaded', async () => {
    await renderInTestApp(
      <SeverityField
        policy={policy(new Error('down'))}
        onChange={jest.fn()}
        disabled={false}
        warnOnPolicyError
      />,
    );
    expect(
      screen.getByText(
        'Could not load the severity policy; showing the defaults.',
      ),
    ).toBeInTheDocument();
  });

  it('labels summary and customer impact with their hints', async () => {
    await renderInTestApp(
      <ImpactFields
        idPrefix="test"
        summary="s"
        onSummaryChange={jest.fn()}
        customerImpact="c"
        onCustomerImpactChange={jest.fn()}
        hints={{ summary: 'Summary hint', customerImpact: 'Impact hint' }}
        disabled={false}
      />,
    );
    expect(screen.getByRole('textbox', { name: 'Summary' })).toHaveValue('s');
    expect(
      screen.getByRole('textbox', { name: 'Customer impact' }),
    ).toHaveValue('c');
    expect(screen.getByText('Summary hint')).toBeInTheDocument();
    expect(screen.getByText('Impact hint')).toBeInTheDocument();
  });
});
