// French texts of the `consent` feature (the reference: en mirrors every key).
export const consentFr = {} as const;
