import { usePermission } from '@backstage/plugin-permission-react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import { incidentRestrictedCreatePermission } from '@firebreak/plugin-incidents-common';

/** Who sees a restricted incident, in the words of the default policy. */
export const RESTRICTED_AUDIENCE =
  'Only its responders (you, whoever takes a role or is paged) and the groups your permission policy trusts with restricted incidents (by default platform reliability, the privacy office and leadership) will see it; nobody else finds a trace of it.';

/**
 * "Restricted" in the declare dialog: offered only to those the policy lets declare
 * restricted incidents (incident.restricted.create), with who will see the incident.
 */
export function RestrictedField(props: {
  value: boolean;
  onChange(value: boolean): void;
  disabled?: boolean;
}) {
  const { value, onChange, disabled } = props;
  const { allowed } = usePermission({
    permission: incidentRestrictedCreatePermission,
  });
  if (!allowed) {
    return null;
  }
  return (
    <>
      <FormControlLabel
        control={
          <Checkbox
            checked={value}
            onChange={e => onChange(e.target.checked)}
            disabled={disabled}
            inputProps={{ 'aria-describedby': 'restricted-audience' }}
          />
        }
        label="Restricted (security incident, data breach)"
      />
      <FormHelperText id="restricted-audience">
        {RESTRICTED_AUDIENCE}
      </FormHelperText>
    </>
  );
}
