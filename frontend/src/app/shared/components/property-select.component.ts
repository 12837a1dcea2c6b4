import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { PropertyService } from '../../core/services/property.service';

/** The "All properties" filter every portfolio screen shows; loads the property list itself. */
@Component({
  selector: 'app-property-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label>
      <span class="sr-only">Property</span>
      <select
        class="select property"
        data-testid="property-filter"
        [value]="value()"
        (change)="valueChange.emit($any($event.target).value)"
        [disabled]="!properties.hasValue()"
      >
        <option value="">All properties</option>
        @if (properties.hasValue()) {
          @for (p of properties.value().results; track p.id) {
            <option [value]="p.id" [selected]="p.id === value()">{{ p.name }}</option>
          }
        }
      </select>
    </label>
  `,
  styles: [':host { display: contents; } .select.property { max-width: 220px; }'],
})
export class PropertySelectComponent {
  private readonly propertyService = inject(PropertyService);

  /** Selected property id, '' for all. */
  readonly value = input<string>('');
  readonly valueChange = output<string>();

  protected readonly properties = rxResource({
    stream: () => this.propertyService.getProperties({ page_size: 500, ordering: 'name' }),
  });
}
