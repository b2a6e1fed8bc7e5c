/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One conversation, named exactly one way: its global ID, its CometChat id, or its partner (a user or a group). */
export type ConversationSelector =
  {   /** CometChat's id of the conversation (`<uid>_user_<uid>` or `group_<guid>`). */
  conversationId: string; id?: never; withGroup?: never; withUser?: never; }
  |  { conversationId?: never;   /** Its global ID (`Conversation.id`), which names the participant too: it must be the acting user's view of the conversation. */
  id: string | number; withGroup?: never; withUser?: never; }
  |  { conversationId?: never; id?: never;   /** The group's conversation (guid). */
  withGroup: string; withUser?: never; }
  |  { conversationId?: never; id?: never; withGroup?: never;   /** The 1:1 conversation with this user (uid). */
  withUser: string; };

/** The kind of file a media message carries. */
export type MediaType =
  /** A sound recording. */
  | 'AUDIO'
  /** Any other file (documents, archives, ...). */
  | 'FILE'
  /** A picture. */
  | 'IMAGE'
  /** A video clip. */
  | 'VIDEO';

/** A file to attach by URL (CometChat does not receive the file itself, only where it is). */
export type MessageAttachmentInput = {
  /** The file's type. A MIME type such as `image/png`, at most 100 characters. */
  mimeType?: string | null | undefined;
  /** The file name shown to receivers; its extension, if any, is sent as the extension. 1 to 255 characters. */
  name?: string | null | undefined;
  /** The size in bytes. Not negative. */
  size?: number | null | undefined;
  /** Where the file can be downloaded. An http or https URL of at most 3,000 characters. */
  url: string;
};

/** A message to send: to whom (`receiverUids` and/or `receiverGuids`, 1 to 25 in total), as whom (`senderUid`), and its content. The content makes the kind: `text` alone a text message; `mediaType` + `attachments` (+ optional `text` as caption) a media message; `customType` + `customData` a custom message. */
export type MessageSendInput = {
  /** The files of a media message (at least one; usually one). */
  attachments?: Array<MessageAttachmentInput> | null | undefined;
  /** The JSON data of a custom message. */
  customData?: Record<string, unknown> | null | undefined;
  /** Makes this a custom message of this app-defined type (e.g. `location`); needs `customData`. 1 to 100 characters. */
  customType?: string | null | undefined;
  /** Makes this a media message of this kind; needs `attachments`. */
  mediaType?: MediaType | null | undefined;
  /** Free-form JSON attached to the message. It counts towards the 65,536-character limit of a message. */
  metadata?: Record<string, unknown> | null | undefined;
  /** An id of your choosing, echoed back as `muid` so a client can recognise its own message when it arrives through another channel. 1 to 100 characters. */
  muid?: string | null | undefined;
  /** Groups to send the message to, by guid (the sender must be a member). Each: 1 to 100 letters, digits, "-" or "_" (stored lowercased). */
  receiverGuids?: Array<string> | null | undefined;
  /** Users to send the message to (1:1), by uid. With more than one receiver in total, each gets its own copy and `outcomes` says how each went. At most 25 receivers in total. Each: 1 to 100 letters, digits, "-" or "_" (stored lowercased). */
  receiverUids?: Array<string> | null | undefined;
  /**
   * Admin callers: send as this user. Left out, the app itself sends it (CometChat shows no user as sender). A user caller always sends as themselves and may leave it out. 1 to 100 letters, digits, "-" or "_" (stored lowercased).
   * @deprecated Send the `X-Act-As: <uid>` header with the admin token instead: every rule of that user then applies. Removal on or after 2027-06-30.
   */
  senderUid?: string | null | undefined;
  /** Labels for the message. At most 25 tags of 1 to 100 characters each. */
  tags?: Array<string> | null | undefined;
  /** The text of a text message (required there), or the caption of a media message. Mentions are written `<@uid:UID>`. */
  text?: string | null | undefined;
};

/** How the caller of a request authenticated. */
export type ViewerKind =
  /** An admin token: acts for the whole app, as no particular user. */
  | 'ADMIN'
  /** An end-user token: acts as one CometChat user. */
  | 'USER';

export type ConversationMessagesQueryVariables = Exact<{
  by: ConversationSelector;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConversationMessagesQuery = { conversation: { id: string, conversationId: string, messages: { edges: Array<{ cursor: string, node:
          | { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null }
          | { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null }
          | { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null }
          | { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null }
          | { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null }
          | { text: string | null, id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null }
         }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null } | null };

type MessageSummary_ActionMessage_Fragment = { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null };

type MessageSummary_CallMessage_Fragment = { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null };

type MessageSummary_CustomMessage_Fragment = { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null };

type MessageSummary_InteractiveMessage_Fragment = { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null };

type MessageSummary_MediaMessage_Fragment = { id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null };

type MessageSummary_TextMessage_Fragment = { text: string | null, id: string, cometchatId: string, sentAt: string, sender: { id: string, uid: string } | null };

export type MessageSummaryFragment =
  | MessageSummary_ActionMessage_Fragment
  | MessageSummary_CallMessage_Fragment
  | MessageSummary_CustomMessage_Fragment
  | MessageSummary_InteractiveMessage_Fragment
  | MessageSummary_MediaMessage_Fragment
  | MessageSummary_TextMessage_Fragment
;

export type MessageReactionsQueryVariables = Exact<{
  messageId: string;
  first?: number | null | undefined;
}>;


export type MessageReactionsQuery = { message:
    | { id: string, reactionsConnection: { edges: Array<{ cursor: string, node: { id: string, emoji: string, reactedAt: string, user: { id: string, uid: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
    | { id: string, reactionsConnection: { edges: Array<{ cursor: string, node: { id: string, emoji: string, reactedAt: string, user: { id: string, uid: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
    | { id: string, reactionsConnection: { edges: Array<{ cursor: string, node: { id: string, emoji: string, reactedAt: string, user: { id: string, uid: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
    | { id: string, reactionsConnection: { edges: Array<{ cursor: string, node: { id: string, emoji: string, reactedAt: string, user: { id: string, uid: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
    | { id: string, reactionsConnection: { edges: Array<{ cursor: string, node: { id: string, emoji: string, reactedAt: string, user: { id: string, uid: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
    | { id: string, reactionsConnection: { edges: Array<{ cursor: string, node: { id: string, emoji: string, reactedAt: string, user: { id: string, uid: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
   | null };

export type MessageSendMutationVariables = Exact<{
  input: MessageSendInput;
}>;


export type MessageSendMutation = { messageSend:
    | { __typename: 'ConflictError', code: string | null, path: Array<string>, errorMessage: string }
    | { __typename: 'MessageSendPayload', message:
        | { id: string, cometchatId: string }
        | { id: string, cometchatId: string }
        | { id: string, cometchatId: string }
        | { id: string, cometchatId: string }
        | { id: string, cometchatId: string }
        | { id: string, cometchatId: string }
       }
    | { __typename: 'NotAppliedError', code: string | null, path: Array<string>, errorMessage: string }
    | { __typename: 'NotFoundError', code: string | null, path: Array<string>, errorMessage: string }
    | { __typename: 'PermissionDeniedError', code: string | null, path: Array<string>, errorMessage: string }
    | { __typename: 'ValidationError', code: string | null, path: Array<string>, errorMessage: string }
   | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { kind: ViewerKind, user: { id: string, uid: string, name: string } | null } };

export const MessageSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cometchatId"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uid"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TextMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<MessageSummaryFragment, unknown>;
export const ConversationMessagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConversationMessages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"by"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationSelector"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"by"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageSummary"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cometchatId"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uid"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TextMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<ConversationMessagesQuery, ConversationMessagesQueryVariables>;
export const MessageReactionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MessageReactions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reactionsConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"emoji"}},{"kind":"Field","name":{"kind":"Name","value":"reactedAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uid"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MessageReactionsQuery, MessageReactionsQueryVariables>;
export const MessageSendDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MessageSend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MessageSendInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageSend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MessageSendPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cometchatId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"errorMessage"},"name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]} as unknown as DocumentNode<MessageSendMutation, MessageSendMutationVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uid"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;