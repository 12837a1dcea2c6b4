import { humanize } from '../../shared/utils/wording';

const FEATURES: Record<string, string> = {
  renewals: 'Renewal offer',
  collections: 'Collections',
  portfolio: 'Bulk action',
  rent_increase: 'Rent-increase notice',
  onboarding: 'Onboarding',
};

/** Which part of UnitCycle sent a message: "renewals" → "Renewal offer". */
export function featureLabel(feature: string | null | undefined): string {
  if (!feature) return 'Manual';
  return FEATURES[feature] ?? humanize(feature);
}

const INBOUND: Record<string, string> = {
  received: 'Received — waiting to be read',
  handled: 'Handled',
  unhandled: 'Received — nothing in UnitCycle acts on it yet',
  failed: 'Received — processing failed',
};

export function inboundStatusLabel(status: string): string {
  return INBOUND[status] ?? humanize(status);
}

/** First line of a message, for a one-row summary. */
export function excerpt(text: string | null | undefined, max = 110): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
