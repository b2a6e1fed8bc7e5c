/**
 * What the notification admin fields (providers, settings, delivery logs) cost in CometChat calls,
 * merged into `COST_RULES` through the tooling rules (see src/schema/cost.ts for the rules' meaning).
 */
import { type CostRule, free, lookup as lookupOf, writes } from './cost-rules.js';

/** One call per resolution. */
const lookup = lookupOf();

/** A connection over the id/affix/limit log list: one call per page (at most 100). */
const logPage: CostRule = ({ args }) => {
  const first = args.first ?? 20;
  return typeof first === 'number' && Number.isInteger(first) && first >= 0 && first <= 100
    ? { calls: 1, page: first }
    : { refused: true };
};

/** The most FCM (or APNs) providers a list is assumed to hold (CometChat documents no cap). */
const FCM_PROVIDERS = 100;
/** The events of the settings document (12 group, 5 one-on-one, 7 call). */
const SETTING_EVENTS = 24;

export const NOTIFICATION_ADMIN_COST_RULES: Readonly<Record<string, CostRule>> = {
  'Query.notificationProviders': free,
  'NotificationProviders.fcmProviders': () => ({ calls: 1, items: FCM_PROVIDERS }),
  'NotificationProviders.customPushProvider': lookup,
  'NotificationProviders.apnsProviders': () => ({ calls: 1, items: FCM_PROVIDERS }),
  'NotificationProviders.customSmsProvider': lookup,
  'NotificationProviders.customEmailProvider': lookup,
  'NotificationProviders.twilioSmsProvider': lookup,
  'NotificationProviders.sendGridEmailProvider': lookup,
  'FcmProvider.payloadNotifications': () => ({ items: 3 }),
  'Query.notificationSettings': lookup,
  'NotificationSettings.events': () => ({ items: SETTING_EVENTS }),
  'Query.notificationLogs': logPage,
  'Mutation.fcmProviderAdd': writes(1),
  'Mutation.fcmProviderUpdate': writes(1),
  'Mutation.fcmProviderDelete': writes(1),
  'Mutation.customPushProviderUpdate': writes(1),
  'Mutation.apnsProviderAdd': writes(1),
  'Mutation.apnsProviderUpdate': writes(1),
  'Mutation.apnsProviderDelete': writes(1),
  'Mutation.customSmsProviderUpdate': writes(1),
  'Mutation.customEmailProviderUpdate': writes(1),
  'Mutation.twilioSmsProviderUpdate': writes(1),
  'Mutation.sendGridEmailProviderUpdate': writes(1),
  'Mutation.notificationSettingsUpdate': writes(1),
  'FcmProviderAddPayload.fcmProvider': lookup,
  'FcmProviderUpdatePayload.fcmProvider': lookup,
  'CustomPushProviderUpdatePayload.customPushProvider': lookup,
  'ApnsProviderAddPayload.apnsProvider': lookup,
  'ApnsProviderUpdatePayload.apnsProvider': lookup,
  'CustomSmsProviderUpdatePayload.customSmsProvider': lookup,
  'CustomEmailProviderUpdatePayload.customEmailProvider': lookup,
  'TwilioSmsProviderUpdatePayload.twilioSmsProvider': lookup,
  'SendGridEmailProviderUpdatePayload.sendGridEmailProvider': lookup,
  'NotificationSettingsUpdatePayload.notificationSettings': lookup,
};
