// French texts of the `studies` feature (the reference: en mirrors every key).
export const studiesFr = {} as const;
