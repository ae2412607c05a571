import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  Drawer,
  darken,
  type MantineThemeOverride,
  Modal,
  mergeThemeOverrides,
  Pagination,
} from '@mantine/core';
import { DateInput, DatePickerInput, DateTimePicker } from '@mantine/dates';
import type { TFunction } from 'i18next';

/**
 * Regia's look: Mantine defaults with system fonts (no web fonts: the CSP allows none), tuned so text
 * meets WCAG AA contrast (4.5:1): a darker primary shade, and text on filled backgrounds black or
 * white, whichever reads (white up to the luminance of red 8, the darkest shade that still takes it).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.183,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
});

// Mantine's light badges, outlines and coloured text use shades 8–9, too pale in these colours to
// read on white or on their own light background; a darker tone of shade 9 does.
const paleColors = ['green', 'teal', 'lime', 'yellow', 'orange', 'cyan'] as const;

/** Light-scheme colours for readable text: dimmed and error text, links, the pale colours above. */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
    // Mantine's gray 5 placeholder reads at 2:1 on white; this one at 4.5:1, still lighter than text.
    '--mantine-color-placeholder': darken(DEFAULT_THEME.colors.gray[6], 0.2),
  };
  for (const color of paleColors) {
    const readable = darken(DEFAULT_THEME.colors[color][9], 0.35);
    light[`--mantine-color-${color}-light-color`] = readable;
    light[`--mantine-color-${color}-outline`] = readable;
    light[`--mantine-color-${color}-text`] = readable;
  }
  return { variables: {}, light, dark: {} };
};

/**
 * The theme with names for the icon-only controls Mantine draws itself (a dialog's close button,
 * a date field's clear button, the arrows of a pagination), in the UI language: screen readers
 * otherwise announce a bare "button".
 */
export function localizedTheme(t: TFunction): MantineThemeOverride {
  const closeButtonProps = { 'aria-label': t('common.close') };
  const clearButtonProps = { 'aria-label': t('controls.clear') };
  // A dialog's title row is a <header>, which browsers expose as a second page banner inside the
  // dialog (its <section> has role="dialog", so it no longer scopes the header): it is only a row.
  const attributes = { header: { role: 'presentation' } };
  return mergeThemeOverrides(theme, {
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps, attributes } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps, attributes } }),
      DateInput: DateInput.extend({ defaultProps: { clearButtonProps } }),
      DatePickerInput: DatePickerInput.extend({ defaultProps: { clearButtonProps } }),
      DateTimePicker: DateTimePicker.extend({ defaultProps: { clearButtonProps } }),
      Pagination: Pagination.extend({
        defaultProps: {
          getControlProps: (control) => ({ 'aria-label': t(`controls.${control}`) }),
        },
      }),
    },
  });
}
