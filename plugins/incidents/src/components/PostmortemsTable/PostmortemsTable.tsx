import { Link } from '@backstage/core-components';
import {
  POSTMORTEM_STATUS_TITLES,
  PostmortemSummary,
} from '@firebreak/plugin-incidents-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { usePostmortemLink } from '../../hooks';
import { sameRef, shortRef } from '../../utils';
import { RelativeTime } from '../RelativeTime';
import { SeverityChip } from '../SeverityChip';

// Headings and short values stay on one line; the title takes the width that is left.
const useStyles = makeStyles({
  table: { '& th': { whiteSpace: 'nowrap' } },
  nowrap: { whiteSpace: 'nowrap' },
});

/**
 * Where a row of a roll-up comes from: the sub-team owning it or the part affected, when it
 * is not the viewed entity itself.
 */
export function viaLabel(
  row: Pick<PostmortemSummary, 'ownerRefs' | 'entityRefs'>,
  viewed?: { ownerRef?: string; entityRef?: string },
): string | undefined {
  if (
    viewed?.ownerRef &&
    !row.ownerRefs.some(r => sameRef(r, viewed.ownerRef))
  ) {
    return row.ownerRefs[0] && `via ${shortRef(row.ownerRefs[0])}`;
  }
  if (
    viewed?.entityRef &&
    !row.entityRefs.some(r => sameRef(r, viewed.entityRef))
  ) {
    return row.entityRefs[0] && `via ${shortRef(row.entityRefs[0])}`;
  }
  return undefined;
}

/** Postmortems with severity, status (and overdue), due time and owners. @public */
export function PostmortemsTable(props: {
  items: PostmortemSummary[];
  viewed?: { ownerRef?: string; entityRef?: string };
}) {
  const link = usePostmortemLink();
  const classes = useStyles();
  if (props.items.length === 0) {
    return <Typography color="textSecondary">No postmortems.</Typography>;
  }
  return (
    <Table size="small" aria-label="Postmortems" className={classes.table}>
      <TableHead>
        <TableRow>
          <TableCell>Incident</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Title</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Due</TableCell>
          <TableCell>Teams</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(p => {
          const via = viaLabel(p, props.viewed);
          return (
            <TableRow key={p.id}>
              <TableCell className={classes.nowrap}>
                {link ? (
                  <Link to={link(p.incidentRef)}>{p.incidentRef}</Link>
                ) : (
                  p.incidentRef
                )}
              </TableCell>
              <TableCell>
                <SeverityChip severity={p.severity} />
              </TableCell>
              <TableCell>
                {p.incidentTitle}
                {via && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {via}
                  </Typography>
                )}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {POSTMORTEM_STATUS_TITLES[p.status]}
                {p.overdue && (
                  <Typography variant="caption" color="error" display="block">
                    Overdue
                  </Typography>
                )}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {p.dueAt ? <RelativeTime value={p.dueAt} /> : '—'}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {p.ownerRefs.map(shortRef).join(', ')}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
