/** The webhook configuration mutations: create, update, delete, and add or remove triggers. */
import './webhook/lifecycle.js';
import './webhook/triggers.js';
