import { IncidentSignal, incidentSignalsIn } from './response';

const declared: IncidentSignal = {
  incidentId: 'a',
  incidentRef: 'INC-1',
  version: 1,
  kind: 'declared',
};
const moved: IncidentSignal = {
  incidentId: 'b',
  incidentRef: 'INC-2',
  version: 3,
  kind: 'transition',
};

describe('incidentSignalsIn', () => {
  it('reads a single signal and a batch, in order', () => {
    expect(incidentSignalsIn(declared)).toEqual([declared]);
    expect(incidentSignalsIn({ signals: [declared, moved] })).toEqual([
      declared,
      moved,
    ]);
  });

  it('finds nothing in anything else', () => {
    expect(incidentSignalsIn(null)).toEqual([]);
    expect(incidentSignalsIn('INC-1')).toEqual([]);
    expect(incidentSignalsIn({ signals: 'INC-1' })).toEqual([]);
    expect(incidentSignalsIn({ signals: [null, { id: 1 }, moved] })).toEqual([
      moved,
    ]);
  });
});
