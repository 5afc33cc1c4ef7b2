import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A muted blue-green: calm, legible, and AA-contrasted with white text from shade 7 up.
const regards: MantineColorsTuple = [
  '#ebf6f7',
  '#d8eaed',
  '#acd4da',
  '#7ebdc6',
  '#59a9b5',
  '#429caa',
  '#3496a5',
  '#257f8d',
  '#17717e',
  '#00616d',
];

export const theme = createTheme({
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: {
    fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontWeight: '600',
    sizes: {
      h1: { fontSize: '1.625rem', lineHeight: '1.3' },
      h2: { fontSize: '1.25rem', lineHeight: '1.35' },
      h3: { fontSize: '1.0625rem', lineHeight: '1.4' },
    },
  },
  colors: { regards },
  primaryColor: 'regards',
  primaryShade: 8,
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  // No asterisks: they end up in the label's text. Forms say which fields are required in words,
  // and `required` still tells assistive technologies.
  components: {
    TextInput: { defaultProps: { withAsterisk: false } },
    PasswordInput: { defaultProps: { withAsterisk: false } },
    Textarea: { defaultProps: { withAsterisk: false } },
    NativeSelect: { defaultProps: { withAsterisk: false } },
    Select: { defaultProps: { withAsterisk: false } },
    NumberInput: { defaultProps: { withAsterisk: false } },
    FileInput: { defaultProps: { withAsterisk: false } },
    Button: { defaultProps: { fw: 500 } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Modal: { classNames: { title: 'modal-title' } },
  },
});

/**
 * Mantine's "dimmed" grey (#868e96) is 3.3:1 on white; this one is 5.9:1 on white, 5.5:1 on the page.
 * Its error red (#fa5252, field errors and invalid borders) is 3.3:1; red 9 is 5.4:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
