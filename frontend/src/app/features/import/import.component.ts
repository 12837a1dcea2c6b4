import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';

import { errorMessage } from '../../core/utils/api-error';
import {
  IMPORT_KINDS,
  ImportKind,
  ImportRun,
  ImportService,
  importRunning,
} from '../../core/services/import.service';
import { KIND_HELP, canCommit, countsLine, stepOf } from './import-format';
import { ImportHistoryComponent } from './import-history.component';

/**
 * Settings → Import: choose a kind → upload its CSV → the dry run's errors (row, column, message; nothing
 * written) → commit → the result. A large commit runs in the background: the screen polls its progress.
 */
@Component({
  selector: 'app-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ImportHistoryComponent],
  template: `
    <div class="page">
      <div class="page-header">
        <div>
          <h1>Import portfolio</h1>
          <p class="subtitle">
            Bring properties, units, tenants and leases from CSV files, in that order. Every file is
            checked first; a file with any bad row writes nothing. Re-importing a file updates the
            rows with the same <code>external_id</code>.
          </p>
        </div>
      </div>

      <ol class="steps" data-testid="import-steps">
        <li [class.on]="step() === 'kind'">1. Kind</li>
        <li [class.on]="step() === 'upload'">2. Upload</li>
        <li [class.on]="step() === 'preview'">3. Check</li>
        <li [class.on]="step() === 'result'">4. Import</li>
      </ol>

      <section class="card">
        <h2>1. What are you importing?</h2>
        <div class="kinds" role="radiogroup" aria-label="Import kind">
          @for (k of kinds; track k) {
            <label class="kind" [class.selected]="kind() === k">
              <input
                type="radio"
                name="kind"
                [value]="k"
                [checked]="kind() === k"
                [attr.data-testid]="'kind-' + k"
                (change)="choose(k)"
              />
              <span class="kind-name">{{ k }}</span>
              <span class="kind-help">{{ help[k] }}</span>
              <button
                type="button"
                class="link"
                [attr.data-testid]="'template-' + k"
                (click)="downloadTemplate(k, $event)"
              >
                Download template
              </button>
            </label>
          }
        </div>
      </section>

      @if (kind(); as k) {
        <section class="card">
          <h2>2. Upload {{ k }}.csv</h2>
          <p class="hint">
            UTF-8 CSV, header on row 1. Dates as YYYY-MM-DD; amounts like 1850.00 (a comma only
            between thousands: 1,850.00).
          </p>
          <div class="upload">
            <input
              type="file"
              accept=".csv,text/csv"
              data-testid="import-file"
              (change)="pick($event)"
            />
            <button
              type="button"
              class="btn btn-primary"
              data-testid="import-check"
              [disabled]="!file() || busy()"
              (click)="check()"
            >
              Check file
            </button>
          </div>
        </section>
      }

      @if (error(); as message) {
        <div class="alert error" role="alert" data-testid="import-error">{{ message }}</div>
      }

      @if (preview(); as p) {
        <section class="card" data-testid="import-preview" [attr.data-status]="p.status">
          <h2>3. Check</h2>
          @if (p.status === 'validated') {
            <p class="ok" data-testid="preview-ok">No errors. {{ counts(p) }}.</p>
            <button
              type="button"
              class="btn btn-primary"
              data-testid="import-commit"
              [disabled]="!commitAllowed() || busy()"
              (click)="commit()"
            >
              Import {{ p.total_rows }} {{ p.total_rows === 1 ? 'row' : 'rows' }}
            </button>
          } @else {
            <p class="bad" data-testid="preview-bad">{{ p.message }}</p>
            <table class="table" data-testid="import-errors">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Column</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                @for (e of p.errors ?? []; track $index) {
                  <tr data-testid="import-error-row">
                    <td>{{ e.row }}</td>
                    <td>{{ e.column || '—' }}</td>
                    <td>{{ e.message }}</td>
                  </tr>
                }
              </tbody>
            </table>
            @if (p.error_count > (p.errors?.length ?? 0)) {
              <p class="hint">Only the first {{ p.errors?.length }} problems are listed.</p>
            }
            <p class="hint">Fix the file and upload it again.</p>
          }
        </section>
      }

      @if (result(); as r) {
        <section class="card" data-testid="import-result" [attr.data-status]="r.status">
          <h2>4. Import</h2>
          @if (running(r)) {
            <p>{{ r.message || 'Working…' }}</p>
            <progress max="100" [value]="r.progress" data-testid="import-progress"></progress>
          } @else if (r.status === 'committed') {
            <p class="ok" data-testid="result-ok">Imported. {{ counts(r) }}.</p>
          } @else {
            <p class="bad" data-testid="result-bad">{{ r.message }}</p>
          }
          <button type="button" class="btn" data-testid="import-again" (click)="reset()">
            Import another file
          </button>
        </section>
      }

      <app-import-history [refresh]="uploads()" />
    </div>
  `,
  styles: `
    .subtitle,
    .hint {
      color: var(--text-2);
      margin: 4px 0 8px;
    }
    .steps {
      display: flex;
      gap: 16px;
      list-style: none;
      padding: 0;
      margin: 12px 0;
      color: var(--text-2);
    }
    .steps .on {
      color: var(--text-1, inherit);
      font-weight: 600;
    }
    .card {
      margin-bottom: 12px;
      padding: 16px;
    }
    h2 {
      font-size: 15px;
      margin: 0 0 8px;
    }
    .kinds {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 8px;
    }
    .kind {
      display: flex;
      flex-direction: column;
      gap: 4px;
      border: 1px solid var(--border);
      border-radius: 8px;
      padding: 10px;
      cursor: pointer;
    }
    .kind.selected {
      border-color: var(--primary);
    }
    .kind-name {
      font-weight: 600;
      text-transform: capitalize;
    }
    .kind-help {
      font-size: 12px;
      color: var(--text-2);
    }
    .link {
      background: none;
      border: 0;
      padding: 0;
      color: var(--primary);
      text-decoration: underline;
      cursor: pointer;
      align-self: flex-start;
      font-size: 12px;
    }
    .upload {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 6px 10px;
      border-bottom: 1px solid var(--border);
      font-size: 13px;
    }
    .ok {
      color: var(--success, #1a7f37);
    }
    .bad,
    .error {
      color: var(--danger, #b42318);
    }
    progress {
      width: 100%;
    }
  `,
})
export class ImportComponent {
  private readonly imports = inject(ImportService);

  readonly kinds = IMPORT_KINDS;
  readonly help = KIND_HELP;
  readonly kind = signal<ImportKind | null>(null);
  readonly file = signal<File | null>(null);
  readonly preview = signal<ImportRun | null>(null);
  readonly result = signal<ImportRun | null>(null);
  readonly busy = signal(false);
  /** Counts uploads, so the past-imports list reloads after each. */
  readonly uploads = signal(0);
  readonly error = signal<string | null>(null);
  readonly step = computed(() => stepOf(this.kind(), this.preview(), this.result()));
  readonly commitAllowed = computed(() => canCommit(this.preview()) && !!this.file());

  readonly counts = countsLine;
  readonly running = importRunning;

  choose(kind: ImportKind): void {
    this.kind.set(kind);
    this.file.set(null);
    this.clear();
  }

  pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.clear();
  }

  check(): void {
    const kind = this.kind();
    const file = this.file();
    if (!kind || !file) return;
    this.clear();
    this.busy.set(true);
    this.imports.upload(kind, file, true).subscribe({
      next: (run) => {
        this.preview.set(run);
        this.busy.set(false);
        this.uploads.update((n) => n + 1);
      },
      error: (err) => this.fail(err),
    });
  }

  commit(): void {
    const kind = this.kind();
    const file = this.file();
    if (!kind || !file || !canCommit(this.preview())) return;
    this.busy.set(true);
    this.error.set(null);
    this.imports.upload(kind, file, false).subscribe({
      next: (run) => {
        this.result.set(run);
        this.imports.follow(run).subscribe({
          next: (r) => this.result.set(r),
          error: (err) => this.fail(err),
          complete: () => {
            this.busy.set(false);
            this.uploads.update((n) => n + 1);
          },
        });
      },
      error: (err) => this.fail(err),
    });
  }

  reset(): void {
    this.kind.set(null);
    this.file.set(null);
    this.clear();
  }

  downloadTemplate(kind: ImportKind, event: Event): void {
    event.preventDefault();
    event.stopPropagation();
    this.imports.template(kind).subscribe({
      next: (blob) => {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = `${kind}-template.csv`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
      error: (err) => this.error.set(errorMessage(err)),
    });
  }

  private clear(): void {
    this.preview.set(null);
    this.result.set(null);
    this.error.set(null);
  }

  private fail(err: unknown): void {
    this.error.set(errorMessage(err));
    this.busy.set(false);
  }
}
