import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import {
  STATUS_BADGE_HOST,
  STATUS_BADGE_STYLES,
  STATUS_BADGE_TEMPLATE,
  StatusBadgeBase,
} from '../../../shared/components/status-badge.component';

// The collections pills are the shared status badge (one colour map) under their own input names.

/** The tone a case's messages use: Friendly (teal), Firm (amber), Formal (orange), Legal (red). */
@Component({
  selector: 'app-tone-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { ...STATUS_BADGE_HOST, '[attr.data-tone]': 'known() ?? "none"' },
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class ToneBadgeComponent extends StatusBadgeBase {
  readonly tone = input<string | null | undefined>(null);
  protected readonly badgeKind = () => 'tone' as const;
  protected readonly value = this.tone;
}

/** A case's status: Open, Payment plan, Escalated, Paid, Written off. */
@Component({
  selector: 'app-collection-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: STATUS_BADGE_HOST,
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class CollectionStatusBadgeComponent extends StatusBadgeBase {
  readonly status = input<string | null | undefined>(null);
  override readonly dot = input(true);
  protected readonly badgeKind = () => 'collection' as const;
  protected readonly value = this.status;
}

/** Tenant risk profile label ("Repeat offender"), outlined, coloured by how often they pay late. */
@Component({
  selector: 'app-risk-profile-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { ...STATUS_BADGE_HOST, '[attr.data-risk-profile]': 'known() ?? "none"' },
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class RiskProfileBadgeComponent extends StatusBadgeBase {
  readonly profile = input<string | null | undefined>(null);
  override readonly outline = input(true);
  protected readonly badgeKind = () => 'risk-profile' as const;
  protected readonly value = this.profile;
}
