import { conversationIdFor, type Store, type UserRow } from './store.js';

/**
 * A user as CometChat renders it. With a viewer (the `onBehalfOf` uid) it adds the
 * viewer-relative fields: the 1:1 `conversationId` and the block markers.
 */
export function renderUser(
  store: Store,
  row: UserRow,
  viewer?: string,
  options: { withTags?: boolean } = {},
): Record<string, unknown> {
  const user: Record<string, unknown> = {
    uid: row.uid,
    name: row.name,
    ...(row.avatar !== undefined ? { avatar: row.avatar } : {}),
    ...(row.link !== undefined ? { link: row.link } : {}),
    ...(row.metadata !== undefined ? { metadata: row.metadata } : {}),
    status: row.status,
    ...(row.statusMessage !== undefined ? { statusMessage: row.statusMessage } : {}),
    role: row.role,
    ...(row.lastActiveAt !== undefined ? { lastActiveAt: row.lastActiveAt } : {}),
    createdAt: row.createdAt,
    ...(row.updatedAt !== undefined ? { updatedAt: row.updatedAt } : {}),
    ...(row.deactivatedAt !== undefined ? { deactivatedAt: row.deactivatedAt } : {}),
  };
  if (options.withTags) user.tags = row.tags;
  if (viewer !== undefined && viewer !== row.uid) {
    user.conversationId = conversationIdFor('user', viewer, row.uid);
    const blockedByMeAt = store.blocks.get(viewer)?.get(row.uid);
    const blockedAt = store.blocks.get(row.uid)?.get(viewer);
    user.blockedByMe = blockedByMeAt !== undefined;
    user.hasBlockedMe = blockedAt !== undefined;
    if (blockedByMeAt !== undefined) user.blockedByMeAt = blockedByMeAt;
    if (blockedAt !== undefined) user.blockedAt = blockedAt;
  }
  return user;
}
