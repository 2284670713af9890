import {
  POSTMORTEM_SECTIONS,
  PostmortemSectionId,
} from '@firebreak/plugin-incidents-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';

/**
 * Someone else saved since the editor loaded: name their sections, offer to reload them
 * while keeping the user's own unsaved text.
 */
export function StaleSaveDialog(props: {
  changedSections: PostmortemSectionId[];
  mine: PostmortemSectionId[];
  onReload: () => void;
  onCancel: () => void;
}) {
  const title = (id: PostmortemSectionId) => {
    const s = POSTMORTEM_SECTIONS.find(x => x.id === id)!;
    return `${s.number}. ${s.title}`;
  };
  const both = props.changedSections.filter(id => props.mine.includes(id));
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby="stale-save-title">
      <DialogTitle id="stale-save-title">
        Someone else saved this postmortem
      </DialogTitle>
      <DialogContent>
        <Typography paragraph>
          Changed since you loaded it:{' '}
          {props.changedSections.map(title).join(', ') ||
            'review status or meeting'}
          .
        </Typography>
        {both.length > 0 && (
          <Typography paragraph color="error">
            You also edited {both.map(title).join(', ')}: your text is kept;
            compare it with theirs before saving again.
          </Typography>
        )}
        <Typography>
          Reload brings in their changes and keeps your unsaved text; nothing is
          lost.
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={props.onReload}>
          Reload and keep my text
        </Button>
      </DialogActions>
    </Dialog>
  );
}
