import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

import { WorkOrderDetail, WorkOrderFile } from '../../../core/models';
import { StoredFile } from '../../../core/services/file.service';
import { WorkOrderService } from '../../../core/services/work-order.service';
import { errorMessage } from '../../../core/utils/api-error';
import { FileUploadComponent, formatBytes } from '../../../shared/components/file-upload.component';
import {
  FileViewerComponent,
  SignedFileLinks,
  ViewableFile,
} from '../../../shared/components/file-viewer.component';

/** What the shared viewer needs of a work order's file (its signed links read the bytes). */
export function viewable(f: WorkOrderFile): { file: ViewableFile; signed: SignedFileLinks } {
  const image = f.content_type?.startsWith('image/') || f.kind === 'photo';
  return {
    file: {
      id: f.file,
      kind: image ? 'image' : 'pdf',
      original_name: f.original_name,
      thumbnail: f.thumbnail_url,
    },
    signed: { url: f.url, thumbnailUrl: f.thumbnail_url },
  };
}

/** The kind a stored file is linked as: images are photos, PDFs documents. */
export function linkKind(stored: Pick<StoredFile, 'kind'>): 'photo' | 'document' {
  return stored.kind === 'image' ? 'photo' : 'document';
}

/**
 * Photos and documents of a work order: thumbnails (the shared viewer, through the work order's signed
 * links), remove, and upload (`POST /files/` then the link to the work order) for roles that manage.
 */
@Component({
  selector: 'app-work-order-files',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FileUploadComponent, FileViewerComponent],
  template: `
    <section class="card" data-testid="wo-files">
      <div class="card-header">
        <h2>Photos &amp; documents</h2>
        <span class="muted small">{{ countText() }}</span>
      </div>
      <div class="card-body">
        @if (files().length) {
          <ul class="files">
            @for (f of files(); track f.id) {
              @let v = view(f);
              <li [attr.data-file-kind]="f.kind" data-testid="wo-file">
                <app-file-viewer [file]="v.file" [signed]="v.signed" />
                <div class="meta">
                  <span class="name" [title]="f.original_name">{{ f.original_name }}</span>
                  <span class="sub">{{ size(f.size) }} · {{ f.uploaded_by_name || '—' }}</span>
                  @if (canManage()) {
                    @if (confirming() === f.id) {
                      <span class="confirm">
                        <button
                          type="button"
                          class="btn btn-sm btn-danger"
                          data-testid="wo-file-remove-confirm"
                          [disabled]="removing()"
                          (click)="remove(f)"
                        >
                          Remove
                        </button>
                        <button
                          type="button"
                          class="btn btn-sm btn-ghost"
                          (click)="confirming.set(null)"
                        >
                          Keep
                        </button>
                      </span>
                    } @else {
                      <button
                        type="button"
                        class="link"
                        data-testid="wo-file-remove"
                        [attr.aria-label]="'Remove ' + f.original_name"
                        (click)="confirming.set(f.id)"
                      >
                        Remove
                      </button>
                    }
                  }
                </div>
              </li>
            }
          </ul>
        } @else {
          <p class="muted none">No photos or documents yet.</p>
        }
        @if (error(); as e) {
          <div class="api-error" role="alert" data-testid="wo-file-error">{{ e }}</div>
        }
        @if (canManage()) {
          <app-file-upload
            purpose="work_order"
            label="Drop photos or PDFs here, or"
            (uploaded)="attach($event)"
          />
        }
      </div>
    </section>
  `,
  styles: `
    .card-body {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .small {
      font-size: 12px;
    }
    .none {
      margin: 0;
      font-size: 13px;
    }
    .files {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(132px, 1fr));
      gap: 12px;
    }
    .files li {
      display: flex;
      flex-direction: column;
      gap: 6px;
      min-width: 0;
    }
    .meta {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .name {
      font-size: 12.5px;
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .sub {
      font-size: 11.5px;
      color: var(--muted);
    }
    .link {
      align-self: flex-start;
      padding: 0;
      border: none;
      background: none;
      color: var(--red);
      font: 500 12px var(--font-body);
      cursor: pointer;
    }
    .confirm {
      display: flex;
      gap: 4px;
    }
  `,
})
export class WorkOrderFilesComponent {
  private readonly workOrders = inject(WorkOrderService);

  readonly workOrder = input.required<WorkOrderDetail>();
  readonly canManage = input(false);
  /** A file was attached or removed: the page reloads the work order (fresh links, the timeline). */
  readonly changed = output<void>();

  protected readonly files = computed(() => this.workOrder().files ?? []);
  protected readonly countText = computed(() => {
    const photos = this.files().filter((f) => f.kind === 'photo').length;
    const docs = this.files().length - photos;
    return `${photos} ${photos === 1 ? 'photo' : 'photos'} · ${docs} ${docs === 1 ? 'document' : 'documents'}`;
  });
  protected readonly confirming = signal<string | null>(null);
  protected readonly removing = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly uploader = viewChild(FileUploadComponent);
  protected readonly view = viewable;
  protected readonly size = formatBytes;

  protected attach(stored: StoredFile): void {
    this.error.set(null);
    this.workOrders.attachFile(this.workOrder().id, stored.id, linkKind(stored)).subscribe({
      next: () => {
        // Shown in the grid now: off the upload list.
        const up = this.uploader();
        const item = up?.items().find((i) => i.result?.id === stored.id);
        if (up && item) up.remove(item);
        this.changed.emit();
      },
      error: (err: unknown) =>
        this.error.set(
          `${stored.original_name} was uploaded but not attached: ${errorMessage(err)}`,
        ),
    });
  }

  protected remove(f: WorkOrderFile): void {
    this.removing.set(true);
    this.error.set(null);
    this.workOrders.removeFile(this.workOrder().id, f.id).subscribe({
      next: () => {
        this.removing.set(false);
        this.confirming.set(null);
        this.changed.emit();
      },
      error: (err: unknown) => {
        this.removing.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }
}
