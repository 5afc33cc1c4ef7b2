import { THEME_COLORS, type ThemeColor, type VerbatimTheme } from '../../api/verbatims-api';

/** A theme's colour, or one of the palette by its place in the code book when it has none. */
export function themeColor(theme: Pick<VerbatimTheme, 'color'>, index: number): ThemeColor {
  return theme.color ?? THEME_COLORS[index % THEME_COLORS.length]!;
}
