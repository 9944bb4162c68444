/** One schema step; applied in order, each inside a transaction, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
