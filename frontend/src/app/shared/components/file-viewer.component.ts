import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { DomSanitizer, SafeResourceUrl, SafeUrl } from '@angular/platform-browser';
import { Subscription } from 'rxjs';

import { FileService, StoredFile } from '../../core/services/file.service';
import { errorMessage } from '../../core/utils/api-error';

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 4;

/** The file fields the viewer needs (a `StoredFile` from the API will do). */
export type ViewableFile = Pick<StoredFile, 'id' | 'kind' | 'original_name' | 'thumbnail'>;

/** Signed, expiring links a feature minted after its own record check (e.g. a work order's photos): the
 * viewer reads the bytes from them instead of `/files/{id}/content/` (which only the uploader and
 * all-properties roles may read). */
export interface SignedFileLinks {
  url: string;
  thumbnailUrl: string | null;
}

/**
 * Shows a stored file: an image as its thumbnail that opens a lightbox with zoom (buttons, mouse wheel,
 * 0 resets, Esc closes); a PDF as a button that opens it in the browser's own PDF viewer. The bytes are
 * downloaded with the signed-in person's token into a blob: URL (files are never public), which is revoked
 * when the viewer closes or the component goes away.
 */
@Component({
  selector: 'app-file-viewer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    @if (file().kind === 'image') {
      <button
        type="button"
        class="thumb"
        (click)="open()"
        [attr.aria-label]="'View ' + file().original_name"
      >
        @if (thumbUrl(); as url) {
          <img [src]="url" [alt]="file().original_name" />
        } @else {
          <span class="placeholder">{{ file().original_name }}</span>
        }
      </button>
    } @else {
      <button type="button" class="pdf" (click)="open()">
        <span class="badge">PDF</span> {{ file().original_name }}
      </button>
    }
    @if (error()) {
      <p class="error" role="alert">{{ error() }}</p>
    }
    @if (isOpen()) {
      <div
        class="overlay"
        role="dialog"
        aria-modal="true"
        [attr.aria-label]="file().original_name"
        (click)="close()"
      >
        <div class="bar" (click)="$event.stopPropagation()">
          <span class="title">{{ file().original_name }}</span>
          @if (file().kind === 'image') {
            <button type="button" (click)="zoomBy(-0.25)" aria-label="Zoom out">−</button>
            <span class="zoom" data-testid="zoom">{{ zoomPercent() }}%</span>
            <button type="button" (click)="zoomBy(0.25)" aria-label="Zoom in">+</button>
            <button type="button" (click)="zoom.set(1)">Reset</button>
          }
          <button type="button" class="close" (click)="close()" aria-label="Close">×</button>
        </div>
        <div class="stage" (click)="$event.stopPropagation()" (wheel)="onWheel($event)">
          @if (loading()) {
            <p class="loading">Loading…</p>
          } @else if (file().kind === 'image' && fullUrl()) {
            <img
              class="full"
              [src]="fullUrl()"
              [alt]="file().original_name"
              [style.transform]="'scale(' + zoom() + ')'"
            />
          } @else if (file().kind === 'pdf' && pdfUrl()) {
            <iframe class="pdf-frame" [src]="pdfUrl()" [title]="file().original_name"></iframe>
          }
        </div>
      </div>
    }
  `,
  styles: `
    :host {
      display: inline-block;
    }
    .thumb {
      padding: 0;
      border: 1px solid var(--border, #e2e8f0);
      border-radius: 8px;
      overflow: hidden;
      background: #f8fafc;
      cursor: zoom-in;
      width: 120px;
      height: 120px;
      display: grid;
      place-items: center;
    }
    .thumb img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .placeholder {
      font-size: 12px;
      padding: 6px;
      word-break: break-all;
    }
    .pdf {
      border: 1px solid var(--border, #e2e8f0);
      border-radius: 8px;
      background: #fff;
      padding: 8px 12px;
      cursor: pointer;
      font: inherit;
    }
    .badge {
      font: 700 11px var(--font-mono, monospace);
      background: var(--red, #dc2626);
      color: #fff;
      border-radius: 4px;
      padding: 1px 5px;
      margin-right: 6px;
    }
    .error {
      color: var(--red, #dc2626);
      font-size: 13px;
      margin: 4px 0 0;
    }
    .overlay {
      position: fixed;
      inset: 0;
      z-index: 1000;
      background: rgba(15, 23, 42, 0.85);
      display: flex;
      flex-direction: column;
    }
    .bar {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 10px 14px;
      color: #fff;
    }
    .bar button {
      background: rgba(255, 255, 255, 0.15);
      color: #fff;
      border: none;
      border-radius: 6px;
      padding: 4px 10px;
      font: inherit;
      cursor: pointer;
    }
    .title {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .zoom {
      min-width: 48px;
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
    .stage {
      flex: 1;
      overflow: auto;
      display: grid;
      place-items: center;
      padding: 0 14px 14px;
    }
    .full {
      max-width: 100%;
      max-height: 100%;
      transform-origin: center center;
      transition: transform 0.1s;
    }
    .pdf-frame {
      width: 100%;
      height: 100%;
      border: none;
      background: #fff;
      border-radius: 6px;
    }
    .loading {
      color: #fff;
    }
  `,
})
export class FileViewerComponent {
  private readonly files = inject(FileService);
  private readonly sanitizer = inject(DomSanitizer);

  readonly file = input.required<ViewableFile>();
  /** Read the bytes through these signed links (optional). */
  readonly signed = input<SignedFileLinks | null>(null);

  protected readonly thumbUrl = signal<SafeUrl | null>(null);
  protected readonly fullUrl = signal<SafeUrl | null>(null);
  protected readonly pdfUrl = signal<SafeResourceUrl | null>(null);
  readonly isOpen = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal('');
  readonly zoom = signal(1);
  protected readonly zoomPercent = () => Math.round(this.zoom() * 100);

  private readonly objectUrls = new Set<string>();
  private subs: Subscription[] = [];

  constructor() {
    effect((onCleanup) => {
      const f = this.file();
      const signed = this.signed();
      this.reset();
      if (f.kind === 'image' && (signed ? signed.thumbnailUrl : f.thumbnail)) {
        const thumb = signed?.thumbnailUrl
          ? this.files.blobAt(signed.thumbnailUrl)
          : this.files.blob(f.id, true);
        const sub = thumb.subscribe({
          next: (blob) =>
            this.thumbUrl.set(this.sanitizer.bypassSecurityTrustUrl(this.track(blob))),
          error: () => this.thumbUrl.set(null),
        });
        onCleanup(() => sub.unsubscribe());
      }
    });
    inject(DestroyRef).onDestroy(() => this.reset());
  }

  open(): void {
    this.isOpen.set(true);
    this.zoom.set(1);
    this.error.set('');
    if (this.fullUrl() || this.pdfUrl()) return;
    const f = this.file();
    this.loading.set(true);
    const signed = this.signed();
    this.subs.push(
      (signed ? this.files.blobAt(signed.url) : this.files.blob(f.id)).subscribe({
        next: (blob) => {
          const url = this.track(blob);
          if (f.kind === 'pdf') {
            // The browser's own PDF viewer, from a blob: URL made here (CSP frame-src allows blob:).
            this.pdfUrl.set(this.sanitizer.bypassSecurityTrustResourceUrl(url));
          } else {
            this.fullUrl.set(this.sanitizer.bypassSecurityTrustUrl(url));
          }
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.isOpen.set(false);
          this.error.set(`Could not open the file: ${errorMessage(err)}`);
        },
      }),
    );
  }

  close(): void {
    this.isOpen.set(false);
  }

  zoomBy(step: number): void {
    this.zoom.update((z) =>
      Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round((z + step) * 100) / 100)),
    );
  }

  protected onWheel(event: WheelEvent): void {
    if (this.file().kind !== 'image') return;
    event.preventDefault();
    this.zoomBy(event.deltaY < 0 ? 0.25 : -0.25);
  }

  protected onKey(event: KeyboardEvent): void {
    if (!this.isOpen()) return;
    if (event.key === 'Escape') this.close();
    else if (event.key === '+' || event.key === '=') this.zoomBy(0.25);
    else if (event.key === '-') this.zoomBy(-0.25);
    else if (event.key === '0') this.zoom.set(1);
  }

  private track(blob: Blob): string {
    const url = URL.createObjectURL(blob);
    this.objectUrls.add(url);
    return url;
  }

  private reset(): void {
    this.subs.forEach((s) => s.unsubscribe());
    this.subs = [];
    this.objectUrls.forEach((u) => URL.revokeObjectURL(u));
    this.objectUrls.clear();
    this.thumbUrl.set(null);
    this.fullUrl.set(null);
    this.pdfUrl.set(null);
    this.isOpen.set(false);
  }
}
