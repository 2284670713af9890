import { SidebarItem } from '@backstage/core-components';
import Badge from '@material-ui/core/Badge';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import { useMyPagesLink, useOpenPageCount } from '../../hooks';
import { openPagesLabel } from '../../utils';

/**
 * The sidebar's "My pages" entry: links to the signed-in user's pages, with the number of
 * open ones (waiting for their acknowledgement) as a badge.
 *
 * @public
 */
export function MyPagesSidebarItem() {
  const to = useMyPagesLink();
  const count = useOpenPageCount();
  if (!to) return null;
  const label = count ? openPagesLabel(count) : undefined;
  const Icon = () => (
    <Badge
      color="secondary"
      badgeContent={label}
      invisible={!label}
      data-testid="my-pages-count"
      title={label ? `${label} open` : undefined}
    >
      <NotificationsActiveIcon />
    </Badge>
  );
  return (
    <SidebarItem
      icon={Icon}
      to={to}
      text="My pages"
      hasNotifications={!!label}
    />
  );
}
