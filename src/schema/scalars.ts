import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { builder } from '../builder.js';

builder.addScalarType('DateTime', DateTimeResolver, {
  description:
    'An instant in time as an ISO-8601 / RFC 3339 string in UTC, e.g. `2025-01-01T00:00:00.000Z`. CometChat keeps seconds; the gateway converts them.',
});

builder.addScalarType('JSONObject', JSONObjectResolver, {
  description:
    'A JSON object with free-form content, such as the `metadata` an app attaches to an object.',
});
