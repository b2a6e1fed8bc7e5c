/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ConversationMessages($by: ConversationSelector!, $first: Int, $after: String) {\n  conversation(by: $by) {\n    id\n    conversationId\n    messages(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...MessageSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}\n\nfragment MessageSummary on Message {\n  id\n  cometchatId\n  sentAt\n  sender {\n    id\n    uid\n  }\n  ... on TextMessage {\n    text\n  }\n}": typeof types.ConversationMessagesDocument,
    "query MessageReactions($messageId: String!, $first: Int) {\n  message(id: $messageId) {\n    id\n    reactionsConnection(first: $first) {\n      edges {\n        cursor\n        node {\n          id\n          emoji\n          reactedAt\n          user {\n            id\n            uid\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.MessageReactionsDocument,
    "mutation MessageSend($input: MessageSendInput!) {\n  messageSend(input: $input) {\n    __typename\n    ... on MessageSendPayload {\n      message {\n        id\n        cometchatId\n      }\n    }\n    ... on UserError {\n      errorMessage: message\n      code\n      path\n    }\n  }\n}": typeof types.MessageSendDocument,
    "query Viewer {\n  viewer {\n    kind\n    user {\n      id\n      uid\n      name\n    }\n  }\n}": typeof types.ViewerDocument,
};
const documents: Documents = {
    "query ConversationMessages($by: ConversationSelector!, $first: Int, $after: String) {\n  conversation(by: $by) {\n    id\n    conversationId\n    messages(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...MessageSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}\n\nfragment MessageSummary on Message {\n  id\n  cometchatId\n  sentAt\n  sender {\n    id\n    uid\n  }\n  ... on TextMessage {\n    text\n  }\n}": types.ConversationMessagesDocument,
    "query MessageReactions($messageId: String!, $first: Int) {\n  message(id: $messageId) {\n    id\n    reactionsConnection(first: $first) {\n      edges {\n        cursor\n        node {\n          id\n          emoji\n          reactedAt\n          user {\n            id\n            uid\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.MessageReactionsDocument,
    "mutation MessageSend($input: MessageSendInput!) {\n  messageSend(input: $input) {\n    __typename\n    ... on MessageSendPayload {\n      message {\n        id\n        cometchatId\n      }\n    }\n    ... on UserError {\n      errorMessage: message\n      code\n      path\n    }\n  }\n}": types.MessageSendDocument,
    "query Viewer {\n  viewer {\n    kind\n    user {\n      id\n      uid\n      name\n    }\n  }\n}": types.ViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConversationMessages($by: ConversationSelector!, $first: Int, $after: String) {\n  conversation(by: $by) {\n    id\n    conversationId\n    messages(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...MessageSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}\n\nfragment MessageSummary on Message {\n  id\n  cometchatId\n  sentAt\n  sender {\n    id\n    uid\n  }\n  ... on TextMessage {\n    text\n  }\n}"): (typeof documents)["query ConversationMessages($by: ConversationSelector!, $first: Int, $after: String) {\n  conversation(by: $by) {\n    id\n    conversationId\n    messages(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...MessageSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}\n\nfragment MessageSummary on Message {\n  id\n  cometchatId\n  sentAt\n  sender {\n    id\n    uid\n  }\n  ... on TextMessage {\n    text\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MessageReactions($messageId: String!, $first: Int) {\n  message(id: $messageId) {\n    id\n    reactionsConnection(first: $first) {\n      edges {\n        cursor\n        node {\n          id\n          emoji\n          reactedAt\n          user {\n            id\n            uid\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query MessageReactions($messageId: String!, $first: Int) {\n  message(id: $messageId) {\n    id\n    reactionsConnection(first: $first) {\n      edges {\n        cursor\n        node {\n          id\n          emoji\n          reactedAt\n          user {\n            id\n            uid\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MessageSend($input: MessageSendInput!) {\n  messageSend(input: $input) {\n    __typename\n    ... on MessageSendPayload {\n      message {\n        id\n        cometchatId\n      }\n    }\n    ... on UserError {\n      errorMessage: message\n      code\n      path\n    }\n  }\n}"): (typeof documents)["mutation MessageSend($input: MessageSendInput!) {\n  messageSend(input: $input) {\n    __typename\n    ... on MessageSendPayload {\n      message {\n        id\n        cometchatId\n      }\n    }\n    ... on UserError {\n      errorMessage: message\n      code\n      path\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    kind\n    user {\n      id\n      uid\n      name\n    }\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    kind\n    user {\n      id\n      uid\n      name\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;