import { ReviewMeeting } from '@firebreak/plugin-incidents-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { shortRef } from '../../utils';

const local = (iso?: string) => (iso ? iso.slice(0, 16) : '');

/** The review meeting of a SEV1 / SEV2 postmortem: when, and who (catalog users or groups). */
export function ReviewMeetingForm(props: {
  meeting?: ReviewMeeting;
  disabled: boolean;
  onSave: (meeting: ReviewMeeting | null) => void;
}) {
  const [at, setAt] = useState(local(props.meeting?.at));
  const [attendees, setAttendees] = useState(
    (props.meeting?.attendeeRefs ?? []).map(shortRef).join(', '),
  );
  const refs = attendees
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(s => (s.includes(':') ? s : `user:default/${s}`));
  return (
    <Box mb={2} component="section" aria-label="Review meeting">
      <Typography variant="h6">Review meeting</Typography>
      <Box
        display="flex"
        alignItems="flex-end"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <TextField
          id="review-meeting-at"
          label="When (UTC)"
          type="datetime-local"
          InputLabelProps={{ shrink: true }}
          value={at}
          onChange={e => setAt(e.target.value)}
        />
        <TextField
          id="review-meeting-attendees"
          label="Attendees"
          placeholder="alice, group:default/payments"
          value={attendees}
          onChange={e => setAttendees(e.target.value)}
          style={{ flexGrow: 1 }}
        />
        <Button
          variant="outlined"
          disabled={props.disabled || !at || refs.length === 0}
          onClick={() =>
            props.onSave({ at: `${at}:00.000Z`, attendeeRefs: refs })
          }
        >
          {props.meeting ? 'Move meeting' : 'Schedule meeting'}
        </Button>
        {props.meeting && (
          <Button disabled={props.disabled} onClick={() => props.onSave(null)}>
            Cancel meeting
          </Button>
        )}
      </Box>
    </Box>
  );
}
