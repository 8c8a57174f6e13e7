// The feature's query keys, made here only: each starts with 'sources'.
export const sourcesKeys = {
  status: (sourceId: string) => ['sources', 'status', sourceId] as const,
};
