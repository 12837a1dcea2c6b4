/**
 * Plain words for the codes the API stores: who did something (`user:pat@…`, `system:renewal_scan`),
 * where a message went (outbox statuses), and contact channels. One place, so no screen shows a raw code.
 */

const SYSTEM_ACTORS: Record<string, string> = {
  system: 'UnitCycle (automatic)',
  'system:daily_classify': 'Nightly lifecycle agent',
  'system:initial_reclassification': 'Initial lease reclassification',
  'system:renewal_scan': 'Renewal agent',
  'system:ai_action_queue': 'Command-center agent',
  'system:collections': 'Collections agent',
};

/** "user:pat@example.com" → "pat@example.com"; "system:renewal_scan" → "Renewal agent". */
export function actorLabel(actor: string | null | undefined): string {
  if (!actor) return '';
  if (actor.startsWith('user:')) return actor.slice(5);
  if (actor in SYSTEM_ACTORS) return SYSTEM_ACTORS[actor];
  if (actor.startsWith('system:')) return `${humanize(actor.slice(7))} (automatic)`;
  return actor;
}

/** "below_market_retain" / "BELOW_MARKET_RETAIN" → "Below market retain". */
export function humanize(code: string | null | undefined): string {
  if (!code) return '';
  const words = code.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const CHANNELS: Record<string, string> = {
  sms: 'SMS',
  email: 'Email',
  letter: 'Letter',
  mail: 'Mail',
  phone: 'Phone call',
  call: 'Phone call',
  portal: 'Tenant portal',
};

/** "sms" → "SMS", "email" → "Email". */
export function channelLabel(channel: string | null | undefined): string {
  if (!channel) return '';
  return CHANNELS[channel.toLowerCase()] ?? humanize(channel);
}

export interface DeliveryWords {
  /** Short state: "Queued", "Sent", "Delivered", "Failed"… */
  label: string;
  /** One sentence a manager understands, naming where to look. */
  detail: string;
  ok: boolean;
}

/**
 * Where a message is, in words. `stored`/`outbox` mean no provider is configured for the channel:
 * the message waits in the outbox (the Messages screen) and was not sent to the tenant.
 */
export function deliveryInWords(
  status: string | null | undefined,
  channel?: string | null,
  { onMessagesScreen = false }: { onMessagesScreen?: boolean } = {},
): DeliveryWords {
  const where = onMessagesScreen ? '' : '; visible in Messages';
  const ch = channel ? channelLabel(channel) : 'message';
  const provider =
    channel === 'email' ? 'email provider' : channel === 'sms' ? 'SMS provider' : 'provider';
  switch (status) {
    case 'stored':
    case 'outbox':
      return { label: 'Queued', detail: `Queued — no ${provider} configured${where}`, ok: true };
    case 'queued':
    case 'pending':
      return { label: 'Queued', detail: `Queued — the ${ch} is waiting to be sent`, ok: true };
    case 'sent':
      return {
        label: 'Sent',
        detail: `Sent — handed to the ${provider}, not yet confirmed delivered`,
        ok: true,
      };
    case 'delivered':
      return { label: 'Delivered', detail: 'Delivered to the tenant', ok: true };
    case 'failed':
      return {
        label: 'Failed',
        detail: `Failed — not delivered${onMessagesScreen ? '' : '; retry from Messages'}`,
        ok: false,
      };
    case 'scheduled':
      return {
        label: 'Scheduled',
        detail: `Scheduled — the ${ch} waits for the tenant's contact hours (quiet hours)`,
        ok: true,
      };
    case 'blocked':
      return {
        label: 'Not sent (STOP)',
        detail:
          'Not sent — the number opted out of text messages (STOP); reach the tenant by email',
        ok: false,
      };
    default:
      return {
        label: humanize(status ?? '') || '—',
        detail: humanize(status ?? ''),
        ok: status !== 'failed',
      };
  }
}

/**
 * A text held for quiet hours, in words: "Scheduled Nov 30, 8:00 AM (quiet hours, 47 CFR §64.1200(c)(1))".
 * The time is shown in the viewer's time zone, named ("8:00 AM PST"); the window itself is the property's.
 */
export function scheduledInWords(
  notBefore: string | null | undefined,
  reason: string | null | undefined,
): string {
  const at = notBefore ? new Date(notBefore) : null;
  const when =
    at && !Number.isNaN(at.getTime())
      ? ` ${at.toLocaleString('en-US', {
          month: 'short',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
          timeZoneName: 'short',
        })}`
      : '';
  return `Scheduled${when}${reason ? ` (${reason})` : ''}`;
}
