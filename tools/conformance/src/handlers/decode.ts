import type { Handler } from '../handler.js';

/** Handlers for the `decode/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {};
