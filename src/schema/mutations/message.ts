/** The message mutations: send, reply in a thread, edit and delete. */
import './message/send.js';
import './message/reply.js';
import './message/edit.js';
import './message/delete.js';
