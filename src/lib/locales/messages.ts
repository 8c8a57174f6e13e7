/** The English (or any other) mirror of a French message tree: same keys, any strings. */
export type Messages<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Messages<T[K]>;
};
