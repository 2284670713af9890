import { incidentsOnCallExtensionPoint } from './extensionPoint';

describe('incidentsOnCallExtensionPoint', () => {
  it('is registered under the incidents plugin', () => {
    expect(incidentsOnCallExtensionPoint.id).toBe('incidents.oncall');
  });
});
