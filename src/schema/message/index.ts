import './interface.js';
import './types.js';
import './actions.js';
import './calls.js';
import './reactions.js';
import './threads.js';
import './roots.js';
import './relations.js';
