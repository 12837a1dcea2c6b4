import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, last, switchMap, takeWhile, timer } from 'rxjs';

import { environment } from '../../../environments/environment';
import { Paginated } from '../models';

/** The kinds a portfolio import accepts, in the order they must be imported (units need their property…). */
export const IMPORT_KINDS = ['properties', 'units', 'tenants', 'leases'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportStatus = 'validated' | 'invalid' | 'queued' | 'running' | 'committed' | 'failed';

/** One problem in the file: `row` as a spreadsheet numbers it (the header is row 1). */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/** `GET /api/v1/imports/{id}/` (backend imports/serializers.py). */
export interface ImportRun {
  id: string;
  kind: ImportKind;
  dry_run: boolean;
  status: ImportStatus;
  file_name: string;
  total_rows: number;
  created_count: number;
  updated_count: number;
  error_count: number;
  errors?: ImportRowError[];
  progress: number;
  message: string;
  summary: Record<string, unknown>;
  job_id: string | null;
  requested_by: string;
  created_at: string;
  finished_at: string | null;
}

/** A run is still working while queued or running (a large commit runs in the background). */
export function importRunning(run: Pick<ImportRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

export const IMPORT_POLL_MS = 1000;

/** The portfolio import API: upload (dry run or commit), follow a run, past runs, templates. */
@Injectable({ providedIn: 'root' })
export class ImportService {
  private readonly http = inject(HttpClient);
  private readonly base = `${environment.apiUrl}/imports`;

  upload(kind: ImportKind, file: File, dryRun: boolean): Observable<ImportRun> {
    const body = new FormData();
    body.append('kind', kind);
    body.append('file', file, file.name);
    body.append('dry_run', dryRun ? 'true' : 'false');
    return this.http.post<ImportRun>(`${this.base}/`, body);
  }

  get(id: string): Observable<ImportRun> {
    return this.http.get<ImportRun>(`${this.base}/${id}/`);
  }

  list(params: Record<string, string | number> = {}): Observable<Paginated<ImportRun>> {
    return this.http.get<Paginated<ImportRun>>(`${this.base}/`, {
      params: new HttpParams({ fromObject: params }),
    });
  }

  /** Emits each poll of a running run and completes with its final state. */
  follow(run: ImportRun, pollMs = IMPORT_POLL_MS): Observable<ImportRun> {
    if (!importRunning(run)) return new Observable((s) => (s.next(run), s.complete()));
    return timer(pollMs, pollMs).pipe(
      switchMap(() => this.get(run.id)),
      takeWhile((r) => importRunning(r), true),
    );
  }

  /** Emits only the final state of a run. */
  finish(run: ImportRun, pollMs = IMPORT_POLL_MS): Observable<ImportRun> {
    return this.follow(run, pollMs).pipe(last());
  }

  template(kind: ImportKind): Observable<Blob> {
    return this.http.get(`${this.base}/templates/${kind}/`, { responseType: 'blob' });
  }
}
