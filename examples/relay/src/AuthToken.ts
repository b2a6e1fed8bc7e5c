/** An auth token (admin tools): a `Node` too, refetchable by its global ID. */
import { graphql } from 'relay-runtime';

export const authTokenFragment = graphql`
  fragment AuthToken_token on AuthToken @refetchable(queryName: "AuthTokenRefetchQuery") {
    id
    platform
    createdAt
  }
`;
