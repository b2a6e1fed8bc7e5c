import type { DocumentNode } from 'graphql';
import * as Operations from './graphql.js';





export type Requester<C = {}> = <R, V>(doc: DocumentNode, vars?: V, options?: C) => Promise<R> | AsyncIterable<R>
export function getSdk<C>(requester: Requester<C>) {
  return {
    ConversationMessages(variables: Operations.ConversationMessagesQueryVariables, options?: C): Promise<Operations.ConversationMessagesQuery> {
      return requester<Operations.ConversationMessagesQuery, Operations.ConversationMessagesQueryVariables>(Operations.ConversationMessagesDocument, variables, options) as Promise<Operations.ConversationMessagesQuery>;
    },
    MessageReactions(variables: Operations.MessageReactionsQueryVariables, options?: C): Promise<Operations.MessageReactionsQuery> {
      return requester<Operations.MessageReactionsQuery, Operations.MessageReactionsQueryVariables>(Operations.MessageReactionsDocument, variables, options) as Promise<Operations.MessageReactionsQuery>;
    },
    MessageSend(variables: Operations.MessageSendMutationVariables, options?: C): Promise<Operations.MessageSendMutation> {
      return requester<Operations.MessageSendMutation, Operations.MessageSendMutationVariables>(Operations.MessageSendDocument, variables, options) as Promise<Operations.MessageSendMutation>;
    },
    Viewer(variables?: Operations.ViewerQueryVariables, options?: C): Promise<Operations.ViewerQuery> {
      return requester<Operations.ViewerQuery, Operations.ViewerQueryVariables>(Operations.ViewerDocument, variables, options) as Promise<Operations.ViewerQuery>;
    }
  };
}
export type Sdk = ReturnType<typeof getSdk>;