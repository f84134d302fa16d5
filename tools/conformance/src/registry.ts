import type { Handler } from './handler.js';
import { handlers as affine } from './handlers/affine.js';
import { handlers as cocoeval } from './handlers/cocoeval.js';
import { handlers as decode } from './handlers/decode.js';
import { handlers as grouping } from './handlers/grouping.js';
import { handlers as oksnms } from './handlers/oksnms.js';
import { handlers as pck } from './handlers/pck.js';
import { handlers as posenms } from './handlers/posenms.js';

/** Every fixture kind the runner understands. A kind not listed here is a FAIL, never a skip. */
export const registry: Record<string, Handler> = {
  ...decode,
  ...affine,
  ...cocoeval,
  ...pck,
  ...posenms,
  ...oksnms,
  ...grouping,
};
