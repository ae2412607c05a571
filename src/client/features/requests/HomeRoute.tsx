import { Navigate } from 'react-router';
import { hasPermission } from '../../../shared/domain/roles';
import { useMe } from '../auth/auth.api';
import { ControlRoomPage } from '../controlRoom/ControlRoomPage';

/** The home page: the control room for those who read it; requesters land on their requests. */
export function HomeRoute() {
  const me = useMe();
  if (!me.data) return null;
  if (!hasPermission(me.data.role, 'read')) return <Navigate to="/requests" replace />;
  return <ControlRoomPage />;
}
