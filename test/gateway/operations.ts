/**
 * The typed operations the gateway tests send. `npm run codegen` turns each `graphql(...)` call
 * into a typed document in test/gql/, so a schema change breaks these tests at type-check time.
 */
import { graphql } from '../gql/index.js';

export const FirstFiveUsersQuery = graphql(`
  query FirstFiveUsers {
    users(first: 5) {
      totalCount
      edges {
        cursor
        node {
          id
          uid
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const UsersPageQuery = graphql(`
  query UsersPage($first: Int, $after: String, $search: String, $status: UserStatus, $role: String) {
    users(first: $first, after: $after, search: $search, status: $status, role: $role) {
      totalCount
      edges {
        cursor
        node {
          id
          uid
          name
          status
        }
      }
      nodes {
        uid
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

export const UserByUidQuery = graphql(`
  query UserByUid($uid: String!) {
    user(uid: $uid) {
      id
      uid
      name
      avatar
      link
      status
      statusMessage
      metadata
      tags
      createdAt
      updatedAt
      lastActiveAt
      deactivatedAt
    }
  }
`);

export const NodeByIdQuery = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on User {
        uid
        name
      }
    }
  }
`);

export const NodesByIdsQuery = graphql(`
  query NodesByIds($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on User {
        uid
      }
    }
  }
`);

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      kind
      user {
        uid
      }
    }
  }
`);
