/**
 * The typed content of interactive messages (CometChat's forms and cards) and the viewing user's
 * interaction state, read from the message itself (`data.interactiveData`, `data.interactionGoal`,
 * `data.interactions`): no upstream call. Shapes follow CometChat's UI Kit definitions (see
 * docs/cometchat-newer-endpoints.md); anything else stays in `interactiveData`.
 */
import { builder } from '../../builder.js';
import type { MessageRecord } from '../../upstream/records.js';
import { aliased } from '../deprecation.js';
import { InteractiveMessage } from './types.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** One interaction of the viewing user: which element, when. */
interface Interaction {
  elementId: string;
  interactedAt: Date | null;
}

function interactionsOf(message: MessageRecord): Interaction[] {
  return message.interactions.flatMap((raw) => {
    const elementId = str(raw.elementId);
    if (elementId === null) return [];
    const at = raw.interactedAt;
    const seconds = typeof at === 'number' ? at : typeof at === 'string' ? Number(at) : Number.NaN;
    return [
      {
        elementId,
        interactedAt: Number.isFinite(seconds) ? new Date(seconds * 1000) : null,
      },
    ];
  });
}

/** An element with the message it belongs to, so it can tell whether it was interacted with. */
interface ElementValue {
  raw: Json;
  message: MessageRecord;
}

const InteractionRef = builder.objectRef<Interaction>('MessageInteraction').implement({
  description: 'One interaction of the viewing user with an element of an interactive message.',
  fields: (t) => ({
    elementId: t.exposeString('elementId', { description: 'The element interacted with.' }),
    interactedAt: t.expose('interactedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When; null when CometChat did not say.',
    }),
  }),
});

const OptionRef = builder.objectRef<Json>('InteractiveOption').implement({
  description: 'A choice of a dropdown, checkbox, radio button or single-select element.',
  fields: (t) => ({
    value: t.string({ nullable: true, resolve: (o) => str(o.value), description: 'Its value.' }),
    label: t.string({ nullable: true, resolve: (o) => str(o.label), description: 'Its label.' }),
  }),
});

const ActionRef = builder.objectRef<Json>('InteractiveAction').implement({
  description: "What a button does when pressed (CometChat's `action`).",
  fields: (t) => ({
    actionType: t.string({
      nullable: true,
      description: '`urlNavigation`, `apiAction`, `customAction` or another CometChat type.',
      resolve: (a) => str(a.actionType) ?? str(a.type),
    }),
    url: t.string({
      nullable: true,
      description: 'Where a URL-navigation action leads, or which URL an API action calls.',
      resolve: (a) => str(a.url),
    }),
    method: t.string({
      nullable: true,
      description: 'The HTTP method of an API action.',
      resolve: (a) => str(a.method),
    }),
  }),
});

const ElementRef = builder.objectRef<ElementValue>('InteractiveElement').implement({
  description:
    'An element of a form or card: an input (`textInput`, `dropdown`, `checkbox`, `radioButton`, `singleSelect`, `dateTime`), a `label` or a `button`.',
  fields: (t) => ({
    elementId: t.string({
      nullable: true,
      description: 'Its id within the message (what `messageMarkInteracted` names).',
      resolve: (e) => str(e.raw.elementId),
    }),
    elementType: t.string({
      nullable: true,
      description: "CometChat's element type; an open set.",
      resolve: (e) => str(e.raw.elementType),
    }),
    label: t.string({
      nullable: true,
      description: 'The label of an input, or the text of a label element.',
      resolve: (e) => str(e.raw.label) ?? str(e.raw.text),
    }),
    buttonText: t.string({
      nullable: true,
      description: 'The text of a button.',
      resolve: (e) => str(e.raw.buttonText),
    }),
    ...aliased('isOptional', 'optional', (options) =>
      t.boolean({
        ...options,
        nullable: true,
        description: 'Whether an input may be left empty; null when not said.',
        resolve: (e) => (typeof e.raw.optional === 'boolean' ? e.raw.optional : null),
      }),
    ),
    ...aliased('isDisabledAfterInteracted', 'disableAfterInteracted', (options) =>
      t.boolean({
        ...options,
        nullable: true,
        description: 'Whether a button is disabled once pressed; null when not said.',
        resolve: (e) =>
          typeof e.raw.disableAfterInteracted === 'boolean' ? e.raw.disableAfterInteracted : null,
      }),
    ),
    options: t.field({
      type: [OptionRef],
      description: 'The choices of a selection element (empty for others).',
      resolve: (e) => objects(e.raw.options),
    }),
    action: t.field({
      type: ActionRef,
      nullable: true,
      description: 'What a button does; null for other elements.',
      resolve: (e) => (isObject(e.raw.action) ? e.raw.action : null),
    }),
    ...aliased('hasViewerInteracted', 'interactedByViewer', (options) =>
      t.boolean({
        ...options,
        description: 'Whether the viewing user has interacted with this element.',
        resolve: (e) => {
          const id = str(e.raw.elementId);
          return id !== null && interactionsOf(e.message).some((i) => i.elementId === id);
        },
      }),
    ),
  }),
});

function elementsOf(message: MessageRecord, value: unknown): ElementValue[] {
  return objects(value).map((raw) => ({ raw, message }));
}

const FormRef = builder.objectRef<MessageRecord>('InteractiveForm').implement({
  description: 'A form (interactive type `form`): its title, fields and submit button.',
  fields: (t) => ({
    title: t.string({
      nullable: true,
      description: 'The title of the form.',
      resolve: (m) => str(m.interactiveData?.title),
    }),
    fields: t.field({
      type: [ElementRef],
      description: 'Its fields, in order.',
      resolve: (m) => elementsOf(m, m.interactiveData?.formFields),
    }),
    submitButton: t.field({
      type: ElementRef,
      nullable: true,
      description: 'The submit button; null when none is defined.',
      resolve: (m) => {
        const raw = m.interactiveData?.submitElement;
        return isObject(raw) ? { raw, message: m } : null;
      },
    }),
    goalCompletionText: t.string({
      nullable: true,
      description: 'What to show once the interaction goal is met.',
      resolve: (m) => str(m.interactiveData?.goalCompletionText),
    }),
  }),
});

const CardRef = builder.objectRef<MessageRecord>('InteractiveCard').implement({
  description: 'A card (interactive type `card`): text, an image and action buttons.',
  fields: (t) => ({
    text: t.string({
      nullable: true,
      description: 'The text of the card.',
      resolve: (m) => str(m.interactiveData?.text),
    }),
    imageUrl: t.string({
      nullable: true,
      description: 'The image of the card.',
      resolve: (m) => str(m.interactiveData?.imageUrl),
    }),
    actions: t.field({
      type: [ElementRef],
      description: 'Its buttons, in order.',
      resolve: (m) => elementsOf(m, m.interactiveData?.cardActions),
    }),
  }),
});

const GoalType = builder.enumType('InteractionGoalType', {
  description: 'Which interactions complete an interactive message.',
  values: {
    NONE: { value: 'none', description: 'No goal.' },
    ANY_ACTION: { value: 'anyAction', description: 'Any interaction.' },
    ANY_OF: { value: 'anyOf', description: 'An interaction with any of the goal elements.' },
    ALL_OF: { value: 'allOf', description: 'Interactions with all of the goal elements.' },
  } as const,
});

type GoalTypeValue = 'none' | 'anyAction' | 'anyOf' | 'allOf';

function goalOf(message: MessageRecord): { type: GoalTypeValue; elementIds: string[] } {
  const goal = message.interactionGoal ?? {};
  const type = str(goal.type);
  const elementIds = Array.isArray(goal.elementIds)
    ? goal.elementIds.filter((id): id is string => typeof id === 'string')
    : [];
  return {
    type: type === 'anyAction' || type === 'anyOf' || type === 'allOf' ? type : 'none',
    elementIds,
  };
}

builder.objectFields(InteractiveMessage, (t) => ({
  form: t.field({
    type: FormRef,
    nullable: true,
    description: 'The form, for a message of interactive type `form`; null otherwise.',
    resolve: (m) => (m.type === 'form' && m.interactiveData !== null ? m : null),
  }),
  card: t.field({
    type: CardRef,
    nullable: true,
    description: 'The card, for a message of interactive type `card`; null otherwise.',
    resolve: (m) => (m.type === 'card' && m.interactiveData !== null ? m : null),
  }),
  goalType: t.field({
    type: GoalType,
    description: 'Which interactions complete the message (NONE when no goal was set).',
    resolve: (m) => goalOf(m).type,
  }),
  goalElementIds: t.stringList({
    description: 'The elements the goal names (for ANY_OF and ALL_OF).',
    resolve: (m) => goalOf(m).elementIds,
  }),
  viewerInteractions: t.field({
    type: [InteractionRef],
    nullable: true,
    description:
      "The viewing user's interactions with the message, oldest first (empty for an admin caller without `X-Act-As`). Recorded with `messageMarkInteracted`. Null when it could not be read (the error on this field says why).",
    resolve: (m, _args, context) => (context.caller.kind === 'user' ? interactionsOf(m) : []),
  }),
  isGoalCompletedByViewer: t.boolean({
    nullable: true,
    description:
      "Whether the viewing user's interactions meet the goal; null for an admin caller without `X-Act-As` and when there is no goal.",
    resolve: (m, _args, context) => {
      const goal = goalOf(m);
      if (context.caller.kind !== 'user' || goal.type === 'none') return null;
      const done = new Set(interactionsOf(m).map((i) => i.elementId));
      if (goal.type === 'anyAction') return done.size > 0;
      if (goal.type === 'anyOf') return goal.elementIds.some((id) => done.has(id));
      return goal.elementIds.length > 0 && goal.elementIds.every((id) => done.has(id));
    },
  }),
}));
