/**
 * Who reacted to a message. Every reaction is a `Node`, so Relay normalizes it under its global
 * ID and `@refetchable` can refetch one reaction through `node(id:)`.
 */
import { graphql } from 'relay-runtime';

export const reactionListQuery = graphql`
  query ReactionListQuery($messageId: String!) {
    message(id: $messageId) {
      id
      reactionsConnection(first: 20) {
        edges {
          node {
            id
            ...Reaction_reaction
          }
        }
      }
    }
  }
`;

export const reactionFragment = graphql`
  fragment Reaction_reaction on Reaction @refetchable(queryName: "ReactionRefetchQuery") {
    id
    emoji
    user {
      id
      uid
    }
  }
`;
