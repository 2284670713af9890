import { decideUpdate } from './update';

const incident = {
  title: 'Checkout failing',
  summary: 'Payments time out',
  customerImpact: '',
  severity: 'SEV2' as const,
  regions: ['eu-west-1'],
};

describe('decideUpdate', () => {
  it('lists every changed field with before and after', () => {
    const change = decideUpdate(incident, {
      title: 'Checkout down',
      severity: 'SEV1',
      regions: ['eu-west-1', 'us-east-1'],
      summary: 'Payments time out',
    });
    expect(change).toEqual({
      fields: {
        title: 'Checkout down',
        severity: 'SEV1',
        regions: ['eu-west-1', 'us-east-1'],
      },
      timeline: [
        {
          kind: 'update',
          body: 'Updated title, severity SEV2 → SEV1, regions',
          details: {
            changes: [
              {
                field: 'title',
                before: 'Checkout failing',
                after: 'Checkout down',
              },
              { field: 'severity', before: 'SEV2', after: 'SEV1' },
              {
                field: 'regions',
                before: ['eu-west-1'],
                after: ['eu-west-1', 'us-east-1'],
              },
            ],
          },
        },
      ],
    });
  });

  it('returns undefined when nothing changes', () => {
    expect(
      decideUpdate(incident, {
        title: 'Checkout failing',
        regions: ['eu-west-1'],
      }),
    ).toBeUndefined();
    expect(decideUpdate(incident, {})).toBeUndefined();
  });

  it('can clear a text field', () => {
    expect(decideUpdate(incident, { summary: '' })?.fields).toEqual({
      summary: '',
    });
  });
});
