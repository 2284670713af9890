import { useApi } from '@backstage/core-plugin-api';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import {
  Incident,
  IncidentFlag,
  ROLES,
  incidentUpdatePermission,
  roleJoiningOn,
} from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import { incidentsApiRef } from '../../api';
import { errorMessage, errorStatus, inSentence } from '../../utils';
import { PermissionTooltip } from '../PermissionTooltip';

const FLAGS: Array<{ flag: IncidentFlag; label: string }> = [
  { flag: 'costImpact', label: 'Cost impact' },
  { flag: 'dataExposure', label: 'Data exposure' },
];

/** Props of {@link IncidentFlags}. @public */
export interface IncidentFlagsProps {
  incident: Incident;
  /** Whether the user may edit the incident (`incident.update`). */
  canUpdate: boolean;
  onUpdated(incident: Incident): void;
  /** The incident changed under us (409): reload it. */
  onStale(): void;
}

/**
 * The impact flags of the spec's Phase 4: raising "cost impact" brings in the FinOps
 * specialist, "data exposure" the privacy officer.
 *
 * @public
 */
export function IncidentFlags(props: IncidentFlagsProps) {
  const { incident, canUpdate, onUpdated, onStale } = props;
  const api = useApi(incidentsApiRef);
  const [saving, setSaving] = useState<IncidentFlag>();
  const [error, setError] = useState<string>();

  const toggle = async (flag: IncidentFlag, value: boolean) => {
    setSaving(flag);
    setError(undefined);
    try {
      onUpdated(
        await api.updateIncident(incident.ref, {
          version: incident.version,
          [flag]: value,
        }),
      );
    } catch (e) {
      if (errorStatus(e) === 409) {
        setError('The incident changed meanwhile; reloaded. Try again.');
        onStale();
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setSaving(undefined);
    }
  };

  return (
    <FormGroup>
      {FLAGS.map(({ flag, label }) => {
        const role = ROLES[roleJoiningOn(flag)];
        const helpId = `incident-flag-${flag}-help`;
        return (
          <div key={flag}>
            <PermissionTooltip
              permission={incidentUpdatePermission}
              allowed={canUpdate}
            >
              <FormControlLabel
                control={
                  <Switch
                    color="primary"
                    checked={incident[flag] === true}
                    disabled={!canUpdate || saving !== undefined}
                    onChange={e => toggle(flag, e.target.checked)}
                    inputProps={{ 'aria-describedby': helpId }}
                  />
                }
                label={label}
              />
            </PermissionTooltip>
            <FormHelperText id={helpId} style={{ marginTop: -6 }}>
              {incident[flag]
                ? `The ${inSentence(role.title)} joins the review.`
                : `Raise it to bring in the ${inSentence(role.title)}.`}
            </FormHelperText>
          </div>
        );
      })}
      {error && (
        <Typography color="error" variant="body2" role="alert">
          {error}
        </Typography>
      )}
    </FormGroup>
  );
}
