/** Limits of the JSON API shared by the HTTP layer and the OpenAPI document. */
export const MAX_BODY_BYTES = 256 * 1024;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
