import { createTheme } from '@mantine/core';

/** Regia's look: Mantine defaults with system fonts (no web fonts: the CSP allows none). */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
});
