import { MarkdownContent } from '@backstage/core-components';
import { PostmortemSectionInfo } from '@firebreak/plugin-incidents-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';

/** One section of the template: its markdown, edited in place with a preview. */
export function PostmortemSection(props: {
  section: PostmortemSectionInfo;
  value: string;
  dirty: boolean;
  readOnly: boolean;
  onChange: (value: string) => void;
  /** Shown above the text (section 7: the live action items). */
  children?: ReactNode;
}) {
  const { section, value, dirty, readOnly, onChange, children } = props;
  const [editing, setEditing] = useState(false);
  const title = `${section.number}. ${section.title}`;
  return (
    <Box mb={3} component="section" aria-label={title}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="h6">{title}</Typography>
        {dirty && (
          <Typography variant="caption" color="secondary">
            unsaved
          </Typography>
        )}
        {!readOnly && (
          <Button size="small" onClick={() => setEditing(!editing)}>
            {editing ? 'Preview' : `Edit ${section.title}`}
          </Button>
        )}
      </Box>
      {children}
      {editing && !readOnly ? (
        <TextField
          multiline
          fullWidth
          minRows={4}
          variant="outlined"
          value={value}
          onChange={e => onChange(e.target.value)}
          inputProps={{ 'aria-label': `${title} (markdown)` }}
        />
      ) : (
        <MarkdownContent
          content={value || '_Nothing written yet._'}
          dialect="gfm"
        />
      )}
    </Box>
  );
}
