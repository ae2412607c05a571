import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import 'dayjs/locale/it';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { setUnauthenticatedHandler } from './api/http';
import { queryClient, queryKeys } from './api/queryClient';
import './i18n';

// The CSP forbids eval: keep zod from probing `new Function`.
z.config({ jitless: true });

// A 401 from a signed-in call means the session ended: forgetting the user makes the signed-in
// layout send the browser to the login page, which then says why.
setUnauthenticatedHandler(() => {
  queryClient.setQueryData(queryKeys.me, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
