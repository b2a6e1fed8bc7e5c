import { builder } from '../builder.js';

// The relay plugin adds `node` and `nodes` to this root (options in builder.ts); every
// independently fetchable type implements `Node`.
builder.queryType({
  description:
    'The read entry points. Every field needs a caller: send `Authorization: Bearer <token>`.',
});
