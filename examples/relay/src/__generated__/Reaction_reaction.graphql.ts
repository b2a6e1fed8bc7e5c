/**
 * @generated SignedSource<<f5d662e6288cd4bbb634b079e266751e>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type Reaction_reaction$data = {
  readonly emoji: string;
  readonly id: string;
  readonly user: {
    readonly id: string;
    readonly uid: string;
  } | null | undefined;
  readonly " $fragmentType": "Reaction_reaction";
};
export type Reaction_reaction$key = {
  readonly " $data"?: Reaction_reaction$data;
  readonly " $fragmentSpreads": FragmentRefs<"Reaction_reaction">;
};

import ReactionRefetchQuery_graphql from './ReactionRefetchQuery.graphql';

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
};
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": ReactionRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "Reaction_reaction",
  "selections": [
    (v0/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "emoji",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "User",
      "kind": "LinkedField",
      "name": "user",
      "plural": false,
      "selections": [
        (v0/*:: as any*/),
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "uid",
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "Reaction",
  "abstractKey": null
};
})();

(node as any).hash = "a884afdc04f033b766f7d484290df8ad";

export default node;
