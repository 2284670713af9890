import { Content } from '@backstage/core-components';
import { IncidentsTabs } from '../IncidentsTabs';
import { MyPages } from './MyPages';

/** `/incidents/my-pages`: the sidebar's "My pages" entry lands here. */
export function MyPagesPage() {
  return (
    <Content>
      <IncidentsTabs current="my-pages" />
      <MyPages showEmpty />
    </Content>
  );
}
