import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { ImportRun, ImportService, importRunning } from './import.service';

describe('ImportService', () => {
  let service: ImportService;
  let http: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    service = TestBed.inject(ImportService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
  });

  const run = (status: ImportRun['status'], extra: Partial<ImportRun> = {}) =>
    ({ id: 'R1', status, progress: 0, dry_run: false, ...extra }) as ImportRun;

  it('uploads kind, file and dry_run as multipart', () => {
    const file = new File(['external_id\n'], 'units.csv', { type: 'text/csv' });
    let got: ImportRun | undefined;
    service.upload('units', file, true).subscribe((r) => (got = r));
    const req = http.expectOne('/api/v1/imports/');
    expect(req.request.method).toBe('POST');
    const body = req.request.body as FormData;
    expect(body.get('kind')).toBe('units');
    expect(body.get('dry_run')).toBe('true');
    expect((body.get('file') as File).name).toBe('units.csv');
    req.flush(run('validated'));
    expect(got?.status).toBe('validated');
  });

  it('follows a background commit until it is done', () => {
    const seen: string[] = [];
    let completed = false;
    service.follow(run('queued'), 1000).subscribe({
      next: (r) => seen.push(`${r.status}:${r.progress}`),
      complete: () => (completed = true),
    });
    vi.advanceTimersByTime(1000);
    http.expectOne('/api/v1/imports/R1/').flush(run('running', { progress: 40 }));
    vi.advanceTimersByTime(1000);
    http.expectOne('/api/v1/imports/R1/').flush(run('committed', { progress: 100 }));
    expect(seen).toEqual(['running:40', 'committed:100']);
    expect(completed).toBe(true);
  });

  it('does not poll a finished run', () => {
    const seen: string[] = [];
    service.follow(run('invalid')).subscribe((r) => seen.push(r.status));
    vi.advanceTimersByTime(3000);
    http.expectNone('/api/v1/imports/R1/');
    expect(seen).toEqual(['invalid']);
    expect(importRunning(run('running'))).toBe(true);
  });

  it('fetches a template as a blob', () => {
    service.template('leases').subscribe();
    const req = http.expectOne('/api/v1/imports/templates/leases/');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['external_id\n']));
  });
});
