/** The respond screens' texts: French first (the reference), English with the same shape. */
export const respondFr = {
  title: 'Respond',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export const respondEn: Shape<typeof respondFr> = {
  title: 'Respond',
};
