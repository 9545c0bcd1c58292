/** The object a reconcile, log line, metric series or span is about. */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
}
