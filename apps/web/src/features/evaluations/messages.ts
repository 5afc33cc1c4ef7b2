/** The evaluations screens' texts: French first (the reference), English with the same shape. */
export const evaluationsFr = {
  title: 'Evaluations',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export const evaluationsEn: Shape<typeof evaluationsFr> = {
  title: 'Evaluations',
};
