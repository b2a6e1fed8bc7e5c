/** The member mutations: add and ban in bulk, change a member's scope, kick, ban, unban, join. */
import './member/add.js';
import './member/target.js';
import './member/join.js';
