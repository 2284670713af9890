import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
});

/** Firebreak mark for the collapsed sidebar. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      viewBox="0 0 28 40"
      role="img"
      aria-label="Firebreak"
    >
      <path
        d="M14 4c4 7-4 9 0 17 2-4 6-5 6-9 5 5 6 11 2 16H6C1 23 4 13 14 4z"
        fill="#ff6b35"
      />
      <rect x="3" y="31" width="9" height="4" fill="#7df3e1" />
      <rect x="16" y="31" width="9" height="4" fill="#7df3e1" />
    </svg>
  );
};
