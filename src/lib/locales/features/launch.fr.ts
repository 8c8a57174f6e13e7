// French texts of the `launch` feature (the reference: en mirrors every key).
export const launchFr = {} as const;
