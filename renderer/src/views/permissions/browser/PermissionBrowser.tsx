import { BrowseFilters } from './BrowseFilters.tsx';
import './browser.css';
import { PermissionTable } from './PermissionTable.tsx';
import { PersonPanel } from './PersonPanel.tsx';

/** The "Who has access" tab: filters, one page of permissions from the cloud, and the opened person. */
export function PermissionBrowser() {
  return (
    <div className="permissions">
      <BrowseFilters />
      <PermissionTable />
      <PersonPanel />
    </div>
  );
}
