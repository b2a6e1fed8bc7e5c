/**
 * @generated SignedSource<<dea477ea9fcb273576ad07876edbac84>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type AuthToken_token$data = {
  readonly createdAt: string;
  readonly id: string;
  readonly platform: string | null | undefined;
  readonly " $fragmentType": "AuthToken_token";
};
export type AuthToken_token$key = {
  readonly " $data"?: AuthToken_token$data;
  readonly " $fragmentSpreads": FragmentRefs<"AuthToken_token">;
};

import AuthTokenRefetchQuery_graphql from './AuthTokenRefetchQuery.graphql';

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": AuthTokenRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "AuthToken_token",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "id",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "platform",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "createdAt",
      "storageKey": null
    }
  ],
  "type": "AuthToken",
  "abstractKey": null
};

(node as any).hash = "422a234e615bf920d6a2cbfdaeb45ec0";

export default node;
