/**
 * CometChat error bodies used by the chat routes (groups, members, messages, reactions,
 * conversations). CometChat documents the codes but not their HTTP statuses; the statuses here
 * follow the documented ones (400 validation, 403 access, 404 missing) and use 409 for conflicts.
 */
import { badRequest, EmuError, type EmuRequest } from './http.js';

export function notAMember(uid: string, guid: string, status = 403): EmuError {
  return new EmuError(
    status,
    'ERR_NOT_A_MEMBER',
    `The user with UID ${uid} is not a member of the group with GUID ${guid}.`,
  );
}

export function noScopeClearance(uid: string, guid: string, detail: string): EmuError {
  return new EmuError(
    403,
    'ERR_GROUP_NO_SCOPE_CLEARANCE',
    `The user with UID ${uid} does not have the scope clearance in the group with GUID ${guid}: ${detail}`,
  );
}

export function noSelfAction(uid: string): EmuError {
  return new EmuError(
    403,
    'ERR_GROUP_NO_SELF_ACTION',
    `The user with UID ${uid} cannot perform this action on themselves.`,
  );
}

export function alreadyJoined(uid: string, guid: string): EmuError {
  return new EmuError(
    409,
    'ERR_ALREADY_JOINED',
    `The user with UID ${uid} has already joined the group with GUID ${guid}.`,
  );
}

export function alreadyBanned(uid: string, guid: string): EmuError {
  return new EmuError(
    409,
    'ERR_ALREADY_BANNED',
    `The user with UID ${uid} is already banned from the group with GUID ${guid}.`,
  );
}

export function bannedMember(uid: string, guid: string): EmuError {
  return new EmuError(
    403,
    'ERR_BANNED_GROUPMEMBER',
    `The user with UID ${uid} is banned from the group with GUID ${guid}.`,
  );
}

export function notBanned(uid: string, guid: string): EmuError {
  return new EmuError(
    400,
    'ERR_NOT_A_BANNED_USER',
    `The user with UID ${uid} is not banned from the group with GUID ${guid}.`,
  );
}

export function guidExists(guid: string): EmuError {
  return new EmuError(
    409,
    'ERR_GUID_ALREADY_EXISTS',
    `The GUID ${guid} already exists, please try again with a different GUID.`,
  );
}

export function emptyGroupPassword(): EmuError {
  return new EmuError(
    400,
    'ERR_EMPTY_GROUP_PASS',
    'A password is required for a group of type password.',
  );
}

export function messageNoAccess(id: number, uid: string): EmuError {
  return new EmuError(
    403,
    'ERR_MESSAGE_NO_ACCESS',
    `The user with UID ${uid} does not have access to the message with id ${id}.`,
  );
}

export function notASender(id: number, uid: string): EmuError {
  return new EmuError(
    403,
    'ERR_MESSAGE_NOT_A_SENDER',
    `The user with UID ${uid} is not the sender of the message with id ${id}.`,
  );
}

export function actionNotAllowed(detail: string): EmuError {
  return new EmuError(403, 'ERR_MESSAGE_ACTION_NOT_ALLOWED', detail);
}

export function conversationNotAccessible(conversationId: string, uid: string): EmuError {
  return new EmuError(
    403,
    'ERR_CONVERSATION_NOT_ACCESSIBLE',
    `The conversation ${conversationId} is not accessible for the user with UID ${uid}.`,
  );
}

export function conversationNotFound(conversationId: string): EmuError {
  return new EmuError(
    404,
    'ERR_CONVERSATION_NOT_FOUND',
    `The conversation with id ${conversationId} does not exist.`,
  );
}

/** The `onBehalfOf` header of an endpoint that CometChat documents as requiring it. */
export function requireOnBehalfOf(req: EmuRequest): string {
  if (req.onBehalfOf === undefined || req.onBehalfOf === '') {
    throw badRequest({ onBehalfOf: ['The onBehalfOf header is required for this request.'] });
  }
  return req.onBehalfOf;
}

/** A message id path/body value: a positive integer given as a number or a numeric string. */
export function parseMessageId(value: unknown, field = 'id'): number {
  const id =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw badRequest({ [field]: [`The ${field} must be a positive integer.`] });
  }
  return id;
}
