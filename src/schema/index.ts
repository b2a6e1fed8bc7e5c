import { builder } from '../builder.js';
import './scalars.js';
import './node.js';
import './user.js';
import './group.js';
import './group-member.js';
import './role.js';
import './auth-token.js';
import './webhook.js';
import './message/index.js';
import './conversation.js';
import './viewer.js';

export const schema = builder.toSchema({ sortSchema: false });
