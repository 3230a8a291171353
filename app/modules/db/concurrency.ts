/**
 * Optimistic locking. Every edit form carries the `version` it was loaded
 * with; the update is `... WHERE id = ? AND version = ?` and sets
 * `version = version + 1`. No row changed means someone saved first.
 */
export class StaleVersionError extends Error {
  constructor(
    readonly entity: string,
    readonly id: number | string,
    readonly expectedVersion: number,
  ) {
    super(`${entity} ${id} was changed by someone else (expected version ${expectedVersion})`);
    this.name = "StaleVersionError";
  }
}

/** Throw StaleVersionError unless the versioned UPDATE changed exactly one row. */
export function assertVersionedUpdate(
  result: { changes: number },
  entity: string,
  id: number | string,
  expectedVersion: number,
): void {
  if (result.changes !== 1) throw new StaleVersionError(entity, id, expectedVersion);
}
