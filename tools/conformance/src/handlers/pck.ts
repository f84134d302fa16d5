import type { Handler } from '../handler.js';

/** Handlers for the `pck/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {};
