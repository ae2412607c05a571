import { createBrowserRouter } from 'react-router';
import { AppLayout } from '../components/AppLayout';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { LoginPage } from '../features/auth/LoginPage';
import { ProfilePage } from '../features/auth/ProfilePage';
import { CheckDetailPage } from '../features/checks/CheckDetailPage';
import { CheckCreatePage, CheckEditPage } from '../features/checks/CheckFormPage';
import { CheckListPage } from '../features/checks/CheckListPage';
import { InboxPage } from '../features/collaboration/InboxPage';
import { IncidentCreatePage } from '../features/incidents/IncidentCreatePage';
import { IncidentDetailPage } from '../features/incidents/IncidentDetailPage';
import { IncidentListPage } from '../features/incidents/IncidentListPage';
import { ImportPage } from '../features/inventory/ImportPage';
import { ItemDetailPage } from '../features/inventory/ItemDetailPage';
import { ItemCreatePage, ItemEditPage } from '../features/inventory/ItemFormPage';
import { ItemListPage } from '../features/inventory/ItemListPage';
import { MaintenanceCreatePage, MaintenanceEditPage } from '../features/maintenance/MaintenanceFormPage';
import { MaintenancePage } from '../features/maintenance/MaintenancePage';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { ProcedureDetailPage } from '../features/procedures/ProcedureDetailPage';
import { ProcedureCreatePage, ProcedureEditPage } from '../features/procedures/ProcedureFormPage';
import { ProcedureListPage } from '../features/procedures/ProcedureListPage';
import { HomeRoute } from '../features/requests/HomeRoute';
import { NewRequestPage } from '../features/requests/NewRequestPage';
import { RequestPage } from '../features/requests/RequestPage';
import { RequestsPage } from '../features/requests/RequestsPage';
import { TriagePage } from '../features/requests/TriagePage';
import { SetupPage } from '../features/setup/SetupPage';
import { PublicStatusPage } from '../features/statusPages/PublicStatusPage';
import { StatusPageCreatePage, StatusPageEditPage } from '../features/statusPages/StatusPageEditorPage';
import { StatusPageListPage } from '../features/statusPages/StatusPageListPage';
import { TeamDetailPage } from '../features/teams/TeamDetailPage';
import { TeamListPage } from '../features/teams/TeamListPage';
import { TokenListPage } from '../features/tokens/TokenListPage';
import { UserListPage } from '../features/users/UserListPage';
import { MyWorkPage } from '../features/workItems/MyWorkPage';
import { RecurrencesPage } from '../features/workItems/RecurrencesPage';
import { WorkflowEditorPage } from '../features/workItems/WorkflowEditorPage';
import { WorkImportPage } from '../features/workItems/WorkImportPage';
import { WorkItemPage } from '../features/workItems/WorkItemPage';
import { WorkPage } from '../features/workItems/WorkPage';
import { NotFoundPage } from './NotFoundPage';
import { RequirePermission } from './RequirePermission';

/** Every page of the app; the dependency map (echarts) loads only when opened. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Published status pages are for anyone: outside the signed-in layout.
  { path: '/status/:slug', element: <PublicStatusPage /> },
  { path: '/setup', element: <SetupPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      // Requesters land on their requests; everyone else on the control room.
      { index: true, element: <HomeRoute /> },
      {
        path: 'requests',
        element: (
          <RequirePermission permission="requests.submit">
            <RequestsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'requests/new',
        element: (
          <RequirePermission permission="requests.submit">
            <NewRequestPage />
          </RequirePermission>
        ),
      },
      {
        path: 'requests/triage',
        element: (
          <RequirePermission permission="work.write">
            <TriagePage />
          </RequirePermission>
        ),
      },
      // Readable by its followers (requesters too) and by readers of work: the server decides.
      { path: 'requests/:id', element: <RequestPage /> },
      {
        path: 'inventory',
        element: (
          <RequirePermission permission="read">
            <ItemListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'inventory/new',
        element: (
          <RequirePermission permission="inventory.write">
            <ItemCreatePage />
          </RequirePermission>
        ),
      },
      {
        path: 'inventory/:id',
        element: (
          <RequirePermission permission="read">
            <ItemDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'inventory/:id/edit',
        element: (
          <RequirePermission permission="inventory.write">
            <ItemEditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'map',
        lazy: async () => {
          const { DependencyMapRoute } = await import('../features/inventory/DependencyMapPage');
          return { Component: DependencyMapRoute };
        },
      },
      {
        path: 'import',
        element: (
          <RequirePermission permission="inventory.write">
            <ImportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'checks',
        element: (
          <RequirePermission permission="read">
            <CheckListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'checks/new',
        element: (
          <RequirePermission permission="inventory.write">
            <CheckCreatePage />
          </RequirePermission>
        ),
      },
      {
        path: 'checks/:id',
        element: (
          <RequirePermission permission="read">
            <CheckDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'checks/:id/edit',
        element: (
          <RequirePermission permission="inventory.write">
            <CheckEditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'procedures',
        element: (
          <RequirePermission permission="read">
            <ProcedureListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'procedures/new',
        element: (
          <RequirePermission permission="inventory.write">
            <ProcedureCreatePage />
          </RequirePermission>
        ),
      },
      {
        path: 'procedures/:id',
        element: (
          <RequirePermission permission="read">
            <ProcedureDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'procedures/:id/edit',
        element: (
          <RequirePermission permission="inventory.write">
            <ProcedureEditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents',
        element: (
          <RequirePermission permission="read">
            <IncidentListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents/new',
        element: (
          <RequirePermission permission="incidents.write">
            <IncidentCreatePage />
          </RequirePermission>
        ),
      },
      {
        path: 'work',
        element: (
          <RequirePermission permission="read">
            <WorkPage />
          </RequirePermission>
        ),
      },
      {
        path: 'work/import',
        element: (
          <RequirePermission permission="work.write">
            <WorkImportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'work/workflow',
        element: (
          <RequirePermission permission="read">
            <WorkflowEditorPage />
          </RequirePermission>
        ),
      },
      {
        path: 'work/recurrences',
        element: (
          <RequirePermission permission="read">
            <RecurrencesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'my-work',
        element: (
          <RequirePermission permission="read">
            <MyWorkPage />
          </RequirePermission>
        ),
      },
      {
        path: 'work-items/:id',
        element: (
          <RequirePermission permission="read">
            <WorkItemPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents/:id',
        element: (
          <RequirePermission permission="read">
            <IncidentDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'notifications',
        element: (
          <RequirePermission permission="notifications.manage">
            <NotificationsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'teams',
        element: (
          <RequirePermission permission="read">
            <TeamListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'teams/:id',
        element: (
          <RequirePermission permission="read">
            <TeamDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'users',
        element: (
          <RequirePermission permission="users.manage">
            <UserListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit.read">
            <AuditLogPage />
          </RequirePermission>
        ),
      },
      {
        path: 'maintenance',
        element: (
          <RequirePermission permission="read">
            <MaintenancePage />
          </RequirePermission>
        ),
      },
      {
        path: 'maintenance/new',
        element: (
          <RequirePermission permission="maintenance.write">
            <MaintenanceCreatePage />
          </RequirePermission>
        ),
      },
      {
        path: 'maintenance/:id/edit',
        element: (
          <RequirePermission permission="read">
            <MaintenanceEditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'status-pages',
        element: (
          <RequirePermission permission="read">
            <StatusPageListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'status-pages/new',
        element: (
          <RequirePermission permission="statusPages.manage">
            <StatusPageCreatePage />
          </RequirePermission>
        ),
      },
      {
        path: 'status-pages/:id',
        element: (
          <RequirePermission permission="read">
            <StatusPageEditPage />
          </RequirePermission>
        ),
      },
      { path: 'tokens', element: <TokenListPage /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
