/** The group mutations: create, update and delete (the member mutations are in member.ts). */
import './group/lifecycle.js';
