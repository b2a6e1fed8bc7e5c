import { builder } from '../builder.js';
import './errors.js';

builder.mutationType({
  description:
    'The write entry points: one mutation per CometChat change. Each returns a `…Result` union of its payload and the `UserError` types it can produce; outages and rate limits are GraphQL errors.',
});
