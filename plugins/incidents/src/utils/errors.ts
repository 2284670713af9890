/**
 * The message worth showing a user: the server's own message for a ResponseError (its
 * `message` is only "Request failed with 400 Bad Request"), the error's message otherwise.
 */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const { name, cause, message } = error as {
      name?: string;
      cause?: { message?: string };
      message?: string;
    };
    if (name === 'ResponseError' && cause?.message) {
      return cause.message;
    }
    if (message) {
      return message;
    }
  }
  return String(error);
}

/** The HTTP status of a ResponseError, if that is what `error` is. */
export function errorStatus(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'statusCode' in error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}
