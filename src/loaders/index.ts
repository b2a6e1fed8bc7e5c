/**
 * The read layer's public surface, the only module of `src/loaders` the schema imports: the
 * request's views (`context.view(perspective)`) and the keys records are found by. The batch
 * functions, priming rules and neutral projections behind it are its own business.
 */

export { setBatchTracer } from './batch-span.js';
export {
  type ConversationPartnerKey,
  conversationKey,
  conversationPartner,
  groupConversationId,
  isMessageId,
  memberKey,
  parseConversationKey,
  parseMemberKey,
  userConversationId,
} from './keys.js';
export { createReadLayer, ReadLayer, type ReadLayerInput, type ViewOf } from './read-layer.js';
export { MODERATION_WINDOW, type ToolingReads, toolingReads } from './tooling.js';
export type {
  AppView,
  AppViewLoaders,
  AppViewPrimer,
  BlockedUser,
  JoinedGroup,
  OwnedConversation,
  Perspective,
  Reader,
  View,
  ViewLoaders,
  ViewPrefetch,
  ViewPrimer,
} from './view.js';
