/**
 * CometChat's documented input limits (properties-and-constraints, the webhooks overview; see
 * docs/writes.md for the sources): the one table that the gateway checks input against before any
 * upstream call (`src/schema/limits.ts`) and that the emulator enforces (`src/emulator`). Plain
 * data: this folder imports nothing, so both programs may use it (docs/architecture.md, layer
 * rules).
 */
export const LIMITS = {
  /** uid, guid, role: alpha-dash, 1 to 100 characters. */
  id: 100,
  name: 100,
  description: 255,
  url: 3000,
  password: 100,
  tags: 25,
  tagLength: 100,
  /** JSON-stringified metadata (the constraints page says 5 KB; USERS and GROUPS say 1.6K characters). */
  metadataBytes: 5 * 1024,
  membersPerAdd: 25,
  /** Characters of a message payload, metadata included. */
  messageChars: 65_536,
  /** The most items one page of a cursor list (messages, threads, reactions) may ask for. */
  cursorListLimit: 1000,
  webhookId: 50,
  webhookName: 50,
  webhookUrl: 255,
  webhookUsername: 50,
  webhookPassword: 100,
  /** An app's conversations pinned for every user (global pins). */
  appPinnedConversations: 25,
  /** Element ids one mark-as-interacted call names. */
  interactionElements: 25,
  /** Characters of an FCM or APNs device token. */
  pushTokenLength: 4096,
  /** Conditions of one moderation rule. */
  moderationRuleConditions: 25,
  /** Terms of one moderation keyword list. */
  keywordListTerms: 1000,
} as const;
