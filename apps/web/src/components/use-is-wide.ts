import { useMediaQuery } from '@mantine/hooks';

const WIDE_QUERY = '(min-width: 48em)'; // Mantine's `sm` breakpoint

/**
 * True from 48em up. Used where narrow and wide screens get different markup (not just styles),
 * so that only one set of controls exists at a time.
 */
export function useIsWide(): boolean {
  return useMediaQuery(WIDE_QUERY, window.matchMedia(WIDE_QUERY).matches, { getInitialValueInEffect: false });
}
