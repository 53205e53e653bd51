/** How the emulated vendor APIs hand results back to the page. */

/**
 * A plain `Error` carrying only the vendor's message, as the real widgets throw:
 * pages read `exception.message` and nothing else.
 */
export function plainError(failure: unknown): Error {
  return new Error(failure instanceof Error ? failure.message : String(failure));
}

/**
 * For APIs pages often call without awaiting (MedChat, Tiledesk): the page may
 * still observe the rejection, but an ignored one is not reported as unhandled.
 */
export function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
