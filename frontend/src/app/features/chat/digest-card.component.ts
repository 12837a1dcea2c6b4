import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { ChatService } from '../../core/services/chat.service';
import { StatCardComponent } from '../../shared/components/stat-card.component';

/** Dashboard widget (DASHBOARD_WIDGETS): today's digest — urgent items first — with a link to ask about it. */
@Component({
  selector: 'app-digest-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatCardComponent],
  host: { style: 'display: contents' },
  template: `
    @if (digest.error()) {
      <app-stat-card
        data-card="digest"
        label="Daily digest"
        icon="sparkles"
        value="—"
        detail="Could not load today's digest."
        link="/chat"
        linkLabel="Ask a question"
      />
    } @else if (digest.hasValue()) {
      <app-stat-card
        data-card="digest"
        label="Daily digest"
        icon="sparkles"
        [value]="value()"
        [tone]="urgent().length ? 'amber' : 'teal'"
        [detail]="detail()"
        link="/chat/digest"
        linkLabel="Read the digest"
      />
    } @else {
      <app-stat-card
        data-card="digest"
        label="Daily digest"
        icon="sparkles"
        value="…"
        detail="Loading…"
      />
    }
  `,
})
export class DigestCardComponent {
  private readonly chat = inject(ChatService);
  protected readonly digest = rxResource({ stream: () => this.chat.digest() });
  protected readonly urgent = computed(() =>
    this.digest.hasValue()
      ? this.digest.value().highlights.filter((h) => h.section === 'urgent')
      : [],
  );
  protected readonly value = computed(() => {
    const n = this.urgent().length;
    return n ? `${n} urgent` : 'All clear';
  });
  protected readonly detail = computed(() => {
    if (!this.digest.hasValue()) return null;
    const h = this.digest.value().highlights;
    return h.map((x) => x.text).join(' · ') || 'Nothing to report.';
  });
}
