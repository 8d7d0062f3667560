/**
 * A value now, or later. The verify path answers from memory without awaiting when it can (a cache hit, the
 * key directory, an embedded-database read) and awaits only a step that needs I/O; each step returns this
 * and the caller branches once, at the edge.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `fn(value)` now when `value` is here, else once it arrives. */
export function andThen<T, U>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}
