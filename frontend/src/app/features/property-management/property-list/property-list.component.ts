import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';

import { Paginated, Property } from '../../../core/models';
import { PropertyService } from '../../../core/services/property.service';
import { errorMessage } from '../../../core/utils/api-error';
import { IconComponent } from '../../../shared/components/icon.component';
import { PaginationComponent } from '../../../shared/components/pagination.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../shared/components/state-views.component';

const PAGE_SIZE = 25;

@Component({
  selector: 'app-property-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    IconComponent,
    PaginationComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './property-list.component.html',
  styleUrl: './property-list.component.css',
})
export class PropertyListComponent {
  private readonly propertyService = inject(PropertyService);
  private readonly router = inject(Router);

  readonly q = input<string | undefined>();
  readonly page = input<string | undefined>();

  protected readonly pageSize = PAGE_SIZE;
  protected readonly currentPage = computed(() => Math.max(1, Number(this.page()) || 1));
  protected readonly searchText = linkedSignal(() => this.q() ?? '');
  private readonly searchInput = new Subject<string>();

  protected readonly properties = rxResource({
    params: () => ({
      page: this.currentPage(),
      page_size: PAGE_SIZE,
      search: this.q() || undefined,
    }),
    stream: ({ params }) => this.propertyService.getProperties(params),
  });
  private readonly lastPage = linkedSignal<
    Paginated<Property> | undefined,
    Paginated<Property> | undefined
  >({
    source: () => (this.properties.hasValue() ? this.properties.value() : undefined),
    computation: (page, previous) => page ?? previous?.value,
  });
  protected readonly rows = computed(() => this.lastPage()?.results ?? []);
  protected readonly total = computed(() => this.lastPage()?.count ?? 0);

  protected readonly message = errorMessage;

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((text) =>
        this.router.navigate([], {
          queryParams: { q: text.trim() || null, page: null },
          queryParamsHandling: 'merge',
          replaceUrl: true,
        }),
      );
  }

  protected onSearch(text: string): void {
    this.searchText.set(text);
    this.searchInput.next(text);
  }

  protected goToPage(page: number): void {
    void this.router.navigate([], {
      queryParams: { page: page > 1 ? page : null },
      queryParamsHandling: 'merge',
    });
  }

  protected open(p: Property): void {
    void this.router.navigate(['/properties', p.id]);
  }

  protected occupancyTone(rate: number): string {
    return rate >= 93 ? 'good' : rate >= 85 ? 'fair' : 'poor';
  }
}
