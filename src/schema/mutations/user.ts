/** The user mutations: create, update and delete, and bulk deactivate and reactivate. */
import './user/profile.js';
import './user/activation.js';
