/**
 * The conversation mutations: mark read, delivered or unread up to a message, replace the tags,
 * and reset (delete) a conversation, each for one user's view.
 */
import './conversation/mark.js';
import './conversation/tags.js';
import './conversation/reset.js';
