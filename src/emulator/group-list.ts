/**
 * Group lookups, the `GET /groups` list (filters, sorting, viewer-relative visibility) and the
 * removal of a group with everything that hangs off it.
 */
import {
  assertValid,
  type EmulatorContext,
  type EmuRequest,
  guidNotFound,
  pageList,
  queryFlag,
  queryList,
  readPage,
} from './http.js';
import { renderGroup } from './render.js';
import type { GroupRow, GroupType, Store } from './store.js';

/** The group named by a path parameter (ids are matched lowercased, as CometChat stores them). */
export function findGroup(store: Store, raw: string | undefined): GroupRow {
  const guid = (raw ?? '').toLowerCase();
  const group = store.groups.get(guid);
  if (!group) throw guidNotFound(guid);
  return group;
}

const TYPE_FILTER: Record<string, GroupType> = {
  public: 'public',
  private: 'private',
  password: 'password',
  protected: 'password',
};
const SORT_FIELDS = ['name', 'guid', 'createdAt'] as const;
type SortField = (typeof SORT_FIELDS)[number];

export function listGroups(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const query = req.query;
  const params = readPage(query);
  const details: Record<string, string[]> = {};
  const searchKey = (query.get('searchKey') ?? '').trim().toLowerCase();
  const searchIn = queryList(query, 'searchIn');
  if (searchIn.some((field) => field !== 'name' && field !== 'guid')) {
    details.searchIn = ['The searchIn values must be name or guid.'];
  }
  const sortBy = query.get('sortBy') ?? undefined;
  if (sortBy !== undefined && !SORT_FIELDS.some((field) => field === sortBy)) {
    details.sortBy = ['The sortBy must be one of name, guid, createdAt.'];
  }
  const sortOrder = query.get('sortOrder') ?? 'asc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') {
    details.sortOrder = ['The sortOrder must be asc or desc.'];
  }
  const affix = query.get('affix') ?? undefined;
  if (affix !== undefined && affix !== 'append' && affix !== 'prepend') {
    details.affix = ['The affix must be append or prepend.'];
  }
  const updatedAtRaw = query.get('updatedAt');
  const updatedAt = updatedAtRaw === null || updatedAtRaw === '' ? undefined : Number(updatedAtRaw);
  if (updatedAt !== undefined && !Number.isInteger(updatedAt)) {
    details.updatedAt = ['The updatedAt must be an integer timestamp.'];
  }
  const typeNames = [...queryList(query, 'type'), ...queryList(query, 'types')];
  const types = new Set<GroupType>();
  for (const name of typeNames) {
    const type = TYPE_FILTER[name];
    if (type) types.add(type);
    else details.types = ['The types must be among public, private, password.'];
  }
  assertValid(details);
  const withTags = queryFlag(query, 'withTags');
  const tags = new Set(queryList(query, 'tags'));
  const viewer = req.onBehalfOf;
  // `hasJoined` is documented to work only with onBehalfOf.
  const joinedOnly = viewer !== undefined && queryFlag(query, 'hasJoined');
  const inName = searchIn.length === 0 || searchIn.includes('name');
  const inGuid = searchIn.length === 0 || searchIn.includes('guid');

  const groups: GroupRow[] = [];
  for (const group of store.groups.values()) {
    const joined = viewer !== undefined && store.member(group.guid, viewer) !== undefined;
    // A user sees private groups only once they are a member.
    if (viewer !== undefined && group.type === 'private' && !joined) continue;
    if (joinedOnly && !joined) continue;
    if (types.size > 0 && !types.has(group.type)) continue;
    if (tags.size > 0 && !group.tags.some((tag) => tags.has(tag))) continue;
    if (searchKey !== '') {
      const hit =
        (inName && group.name.toLowerCase().startsWith(searchKey)) ||
        (inGuid && group.guid.startsWith(searchKey));
      if (!hit) continue;
    }
    if (updatedAt !== undefined) {
      const at = group.updatedAt ?? group.createdAt;
      if (affix === 'append' ? at < updatedAt : at > updatedAt) continue;
    }
    groups.push(group);
  }
  if (sortBy !== undefined)
    sortGroups(groups, sortBy as SortField, sortOrder === 'desc'); // checked above
  else if (sortOrder === 'desc') groups.reverse();
  const last = groups[Math.min(groups.length, params.page * params.perPage) - 1];
  return pageList(
    groups,
    params,
    (group) => renderGroup(store, group, viewer, { withTags }),
    last ? { updatedAt: last.updatedAt ?? last.createdAt, affix: 'prepend' } : undefined,
  );
}

function sortGroups(groups: GroupRow[], field: SortField, descending: boolean): void {
  const sign = descending ? -1 : 1;
  groups.sort((a, b) => {
    const byField =
      field === 'createdAt'
        ? a.createdAt - b.createdAt
        : field === 'name'
          ? a.name.localeCompare(b.name)
          : compare(a.guid, b.guid);
    return sign * (byField !== 0 ? byField : compare(a.guid, b.guid));
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Removes a group, its members, bans, messages (with replies' and reactions' indices) and state. */
export function deleteGroupData(store: Store, guid: string): void {
  const conversationId = `group_${guid}`;
  for (const uid of store.members.get(guid)?.keys() ?? []) {
    store.groupsByUser.get(uid)?.delete(guid);
    store.conversationState.delete(`${uid}|${conversationId}`);
  }
  store.members.delete(guid);
  store.bans.delete(guid);
  for (const message of store.messagesByConversation.get(conversationId) ?? []) {
    store.messages.delete(message.id);
    store.reactions.delete(message.id);
    store.repliesByParent.delete(message.id);
  }
  store.messagesByConversation.delete(conversationId);
  store.groups.delete(guid);
}
