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
    "\n  query FirstFiveUsers {\n    users(first: 5) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.FirstFiveUsersDocument,
    "\n  query UsersPage($first: Int, $after: String, $search: String, $status: UserStatus, $role: String) {\n    users(first: $first, after: $after, search: $search, status: $status, role: $role) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n          status\n        }\n      }\n      nodes {\n        uid\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.UsersPageDocument,
    "\n  query UserByUid($uid: String!) {\n    user(uid: $uid) {\n      id\n      uid\n      name\n      avatar\n      link\n      status\n      statusMessage\n      metadata\n      tags\n      createdAt\n      updatedAt\n      lastActiveAt\n      deactivatedAt\n    }\n  }\n": typeof types.UserByUidDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on User {\n        uid\n        name\n      }\n    }\n  }\n": typeof types.NodeByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on User {\n        uid\n      }\n    }\n  }\n": typeof types.NodesByIdsDocument,
    "\n  query Viewer {\n    viewer {\n      kind\n      user {\n        uid\n      }\n    }\n  }\n": typeof types.ViewerDocument,
};
const documents: Documents = {
    "\n  query FirstFiveUsers {\n    users(first: 5) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.FirstFiveUsersDocument,
    "\n  query UsersPage($first: Int, $after: String, $search: String, $status: UserStatus, $role: String) {\n    users(first: $first, after: $after, search: $search, status: $status, role: $role) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n          status\n        }\n      }\n      nodes {\n        uid\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.UsersPageDocument,
    "\n  query UserByUid($uid: String!) {\n    user(uid: $uid) {\n      id\n      uid\n      name\n      avatar\n      link\n      status\n      statusMessage\n      metadata\n      tags\n      createdAt\n      updatedAt\n      lastActiveAt\n      deactivatedAt\n    }\n  }\n": types.UserByUidDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on User {\n        uid\n        name\n      }\n    }\n  }\n": types.NodeByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on User {\n        uid\n      }\n    }\n  }\n": types.NodesByIdsDocument,
    "\n  query Viewer {\n    viewer {\n      kind\n      user {\n        uid\n      }\n    }\n  }\n": types.ViewerDocument,
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
export function graphql(source: "\n  query FirstFiveUsers {\n    users(first: 5) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query FirstFiveUsers {\n    users(first: 5) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersPage($first: Int, $after: String, $search: String, $status: UserStatus, $role: String) {\n    users(first: $first, after: $after, search: $search, status: $status, role: $role) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n          status\n        }\n      }\n      nodes {\n        uid\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersPage($first: Int, $after: String, $search: String, $status: UserStatus, $role: String) {\n    users(first: $first, after: $after, search: $search, status: $status, role: $role) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n          status\n        }\n      }\n      nodes {\n        uid\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserByUid($uid: String!) {\n    user(uid: $uid) {\n      id\n      uid\n      name\n      avatar\n      link\n      status\n      statusMessage\n      metadata\n      tags\n      createdAt\n      updatedAt\n      lastActiveAt\n      deactivatedAt\n    }\n  }\n"): (typeof documents)["\n  query UserByUid($uid: String!) {\n    user(uid: $uid) {\n      id\n      uid\n      name\n      avatar\n      link\n      status\n      statusMessage\n      metadata\n      tags\n      createdAt\n      updatedAt\n      lastActiveAt\n      deactivatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on User {\n        uid\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on User {\n        uid\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on User {\n        uid\n      }\n    }\n  }\n"): (typeof documents)["\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on User {\n        uid\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      kind\n      user {\n        uid\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      kind\n      user {\n        uid\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;