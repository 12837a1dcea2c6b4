import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { Subscription } from 'rxjs';

import { FilePurpose, FileService, StoredFile } from '../../core/services/file.service';
import { ApiError, errorMessage } from '../../core/utils/api-error';

export type UploadStatus = 'uploading' | 'done' | 'error';

/** One file in the upload list. */
export interface UploadItem {
  key: number;
  file: File;
  status: UploadStatus;
  /** 0–100 */
  progress: number;
  error: string;
  result: StoredFile | null;
}

/** Types the server accepts (it checks the bytes, not the name; this only filters the picker). */
export const ACCEPTED_TYPES =
  'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Upload files: drop them on the zone or choose them; each file uploads on its own with a progress bar, and a
 * refused one shows the server's reason (e.g. "This file is a program, not an image or a PDF") with Retry.
 * Emits `uploaded` for every stored file and `changed` with all stored files so far.
 */
@Component({
  selector: 'app-file-upload',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="zone"
      [class.over]="dragOver()"
      [class.disabled]="disabled()"
      (dragenter)="onDrag($event, true)"
      (dragover)="onDrag($event, true)"
      (dragleave)="onDrag($event, false)"
      (drop)="onDrop($event)"
      data-testid="upload-zone"
    >
      <p class="hint">
        {{ label() }}
        <button type="button" class="link" [disabled]="disabled()" (click)="picker.click()">
          choose {{ multiple() ? 'files' : 'a file' }}
        </button>
      </p>
      <p class="sub">JPEG, PNG, WebP or PDF</p>
      <input
        #picker
        type="file"
        hidden
        [accept]="accept"
        [multiple]="multiple()"
        [disabled]="disabled()"
        (change)="onPick(picker)"
        data-testid="upload-input"
      />
    </div>
    @if (items().length) {
      <ul class="items" aria-live="polite">
        @for (item of items(); track item.key) {
          <li [class]="'item ' + item.status" [attr.data-status]="item.status">
            <div class="row">
              <span class="name" [title]="item.file.name">{{ item.file.name }}</span>
              <span class="size">{{ size(item.file.size) }}</span>
              @if (item.status === 'error') {
                <button type="button" class="link retry" (click)="retry(item)">Retry</button>
              }
              @if (item.status !== 'uploading') {
                <button
                  type="button"
                  class="link remove"
                  [attr.aria-label]="'Remove ' + item.file.name"
                  (click)="remove(item)"
                >
                  ×
                </button>
              }
            </div>
            @if (item.status === 'uploading') {
              <div
                class="bar"
                role="progressbar"
                [attr.aria-valuenow]="item.progress"
                aria-valuemin="0"
                aria-valuemax="100"
                [attr.aria-label]="'Uploading ' + item.file.name"
              >
                <span [style.width.%]="item.progress"></span>
              </div>
            } @else if (item.status === 'error') {
              <p class="error" role="alert">{{ item.error }}</p>
            } @else {
              <p class="ok">Uploaded</p>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .zone {
      border: 2px dashed var(--border, #cbd5e1);
      border-radius: 12px;
      padding: 20px;
      text-align: center;
      background: var(--surface-2, #f8fafc);
      transition:
        border-color 0.15s,
        background 0.15s;
    }
    .zone.over {
      border-color: var(--accent, #2563eb);
      background: #eff6ff;
    }
    .zone.disabled {
      opacity: 0.6;
    }
    .hint {
      margin: 0;
      font-weight: 500;
    }
    .sub {
      margin: 4px 0 0;
      font-size: 12px;
      color: var(--text-2, #64748b);
    }
    .link {
      background: none;
      border: none;
      padding: 0;
      color: var(--accent, #2563eb);
      font: inherit;
      cursor: pointer;
      text-decoration: underline;
    }
    .items {
      list-style: none;
      margin: 12px 0 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .item {
      border: 1px solid var(--border, #e2e8f0);
      border-radius: 8px;
      padding: 8px 10px;
    }
    .item.error {
      border-color: var(--red, #dc2626);
    }
    .row {
      display: flex;
      gap: 8px;
      align-items: center;
    }
    .name {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .size {
      font-size: 12px;
      color: var(--text-2, #64748b);
      font-variant-numeric: tabular-nums;
    }
    .remove {
      text-decoration: none;
      font-size: 18px;
      line-height: 1;
      color: var(--text-2, #64748b);
    }
    .bar {
      height: 6px;
      margin-top: 6px;
      border-radius: 3px;
      background: #e2e8f0;
      overflow: hidden;
    }
    .bar span {
      display: block;
      height: 100%;
      background: var(--accent, #2563eb);
      transition: width 0.2s;
    }
    .error {
      margin: 4px 0 0;
      color: var(--red, #dc2626);
      font-size: 13px;
    }
    .ok {
      margin: 4px 0 0;
      color: var(--green, #16a34a);
      font-size: 13px;
    }
  `,
})
export class FileUploadComponent {
  private readonly files = inject(FileService);

  /** What the files are for (the API's `purpose`). */
  readonly purpose = input<FilePurpose>('other');
  readonly multiple = input(true);
  readonly disabled = input(false);
  readonly label = input('Drop files here or');

  /** Each file the server stored. */
  readonly uploaded = output<StoredFile>();
  /** All files stored so far, after each change (an upload finished, one removed). */
  readonly changed = output<StoredFile[]>();

  protected readonly accept = ACCEPTED_TYPES;
  protected readonly dragOver = signal(false);
  readonly items = signal<UploadItem[]>([]);
  readonly stored = computed(() =>
    this.items()
      .map((i) => i.result)
      .filter((r): r is StoredFile => r !== null),
  );
  readonly busy = computed(() => this.items().some((i) => i.status === 'uploading'));

  private nextKey = 1;
  private readonly running = new Map<number, Subscription>();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.running.forEach((s) => s.unsubscribe()));
  }

  protected size = formatBytes;

  protected onDrag(event: DragEvent, over: boolean): void {
    event.preventDefault();
    if (!this.disabled()) this.dragOver.set(over);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragOver.set(false);
    if (this.disabled()) return;
    this.add(Array.from(event.dataTransfer?.files ?? []));
  }

  protected onPick(picker: HTMLInputElement): void {
    this.add(Array.from(picker.files ?? []));
    picker.value = ''; // choosing the same file again still fires (change)
  }

  /** Start uploading these files (only the first one unless `multiple`). */
  add(files: File[]): void {
    const chosen = this.multiple() ? files : files.slice(0, 1);
    if (!this.multiple() && chosen.length) this.clear();
    for (const file of chosen) {
      const item: UploadItem = {
        key: this.nextKey++,
        file,
        status: 'uploading',
        progress: 0,
        error: '',
        result: null,
      };
      this.items.update((list) => [...list, item]);
      this.start(item.key);
    }
  }

  retry(item: UploadItem): void {
    this.patch(item.key, { status: 'uploading', progress: 0, error: '' });
    this.start(item.key);
  }

  remove(item: UploadItem): void {
    this.running.get(item.key)?.unsubscribe();
    this.running.delete(item.key);
    this.items.update((list) => list.filter((i) => i.key !== item.key));
    this.changed.emit(this.stored());
  }

  clear(): void {
    this.running.forEach((s) => s.unsubscribe());
    this.running.clear();
    this.items.set([]);
  }

  private start(key: number): void {
    const item = this.items().find((i) => i.key === key);
    if (!item) return;
    this.running.get(key)?.unsubscribe();
    const sub = this.files.upload(item.file, this.purpose()).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          const total = event.total || item.file.size || 1;
          this.patch(key, { progress: Math.min(99, Math.round((100 * event.loaded) / total)) });
        } else if (event.type === HttpEventType.Response && event.body) {
          const result = event.body;
          this.patch(key, { status: 'done', progress: 100, result });
          this.running.delete(key);
          this.uploaded.emit(result);
          this.changed.emit(this.stored());
        }
      },
      error: (err: unknown) => {
        const message =
          err instanceof HttpErrorResponse ? ApiError.from(err).detail : errorMessage(err);
        this.patch(key, { status: 'error', error: message });
        this.running.delete(key);
      },
    });
    if (!sub.closed) this.running.set(key, sub);
  }

  private patch(key: number, changes: Partial<UploadItem>): void {
    this.items.update((list) => list.map((i) => (i.key === key ? { ...i, ...changes } : i)));
  }
}
