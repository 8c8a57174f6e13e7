// The query key under which an opened patient key's value is cached (memory only), shared
// by the search that creates the key and the route that opens it.
export function patientKeyQueryKey(key: string): readonly unknown[] {
  return ['patient-key', key];
}
