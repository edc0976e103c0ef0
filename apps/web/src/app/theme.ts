import { createTheme, Modal, PasswordInput, type MantineColorsTuple } from '@mantine/core';

/** A calm civic blue, with teal as the accent. */
const civic: MantineColorsTuple = [
  '#e8f3ff',
  '#d3e3f8',
  '#a6c4ec',
  '#76a4e1',
  '#4e89d7',
  '#3578d1',
  '#276fcf',
  '#1a5eb8',
  '#0f53a5',
  '#004792',
];

const FONT = 'Sarabun, "Noto Sans Thai", "Leelawadee UI", Tahoma, sans-serif';

/** The theme; labels that Mantine renders itself come from i18n (`labels`). */
export const makeTheme = (labels: { close: string; togglePassword: string }) =>
  createTheme({
    primaryColor: 'civic',
    primaryShade: 7,
    colors: { civic },
    fontFamily: FONT,
    headings: {
      fontFamily: FONT,
      fontWeight: '600',
      sizes: {
        h1: { fontSize: '1.75rem', lineHeight: '1.5' },
        h2: { fontSize: '1.35rem', lineHeight: '1.5' },
        h3: { fontSize: '1.15rem', lineHeight: '1.5' },
      },
    },
    lineHeights: { xs: '1.5', sm: '1.55', md: '1.6', lg: '1.6', xl: '1.65' },
    defaultRadius: 'md',
    focusRing: 'auto',
    components: {
      Button: { defaultProps: { fw: 600 } },
      Badge: { defaultProps: { tt: 'none' } },
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': labels.close } } }),
      PasswordInput: PasswordInput.extend({
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': labels.togglePassword } },
      }),
      Table: { defaultProps: { verticalSpacing: 'xs', highlightOnHover: true } },
    },
  });
