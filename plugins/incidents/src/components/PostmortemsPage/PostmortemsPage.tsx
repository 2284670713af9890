import { Route, Routes } from 'react-router-dom';
import { PostmortemView } from '../PostmortemView';
import { PostmortemsListPage } from './PostmortemsListPage';

/** The Postmortems page: the list at its root, one postmortem's read view at `/:id`. @public */
export function PostmortemsPage() {
  return (
    <Routes>
      <Route path="/" element={<PostmortemsListPage />} />
      <Route path="/:id" element={<PostmortemView />} />
    </Routes>
  );
}
