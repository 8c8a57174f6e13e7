// French texts of the `viewer` feature (the reference: en mirrors every key).
export const viewerFr = {} as const;
