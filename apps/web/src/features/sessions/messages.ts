/** The sessions screens' texts: French first (the reference), English with the same shape. */
export const sessionsFr = {
  title: 'Sessions',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export const sessionsEn: Shape<typeof sessionsFr> = {
  title: 'Sessions',
};
