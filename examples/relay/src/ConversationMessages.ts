/**
 * A conversation's messages as a Relay pagination fragment: `@connection` keeps the pages in one
 * list, and `@refetchable` makes the compiler write `ConversationMessagesPaginationQuery`, which
 * loads further pages through `node(id:)` on the conversation's global ID.
 */
import { graphql } from 'relay-runtime';

export const conversationMessagesQuery = graphql`
  query ConversationMessagesQuery($by: ConversationSelector!, $first: Int!, $after: String) {
    conversation(by: $by) {
      id
      ...ConversationMessages_conversation @arguments(first: $first, after: $after)
    }
  }
`;

export const conversationMessagesFragment = graphql`
  fragment ConversationMessages_conversation on Conversation
  @refetchable(queryName: "ConversationMessagesPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    messages(first: $first, after: $after) @connection(key: "ConversationMessages_messages") {
      edges {
        node {
          id
          cometchatId
          ... on TextMessage {
            text
          }
        }
      }
    }
  }
`;
