// Quoting for the SQL-like filters LanceDB takes (paths may hold quotes, spaces, unicode).

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlIn(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map(sqlString).join(', ')})`;
}
