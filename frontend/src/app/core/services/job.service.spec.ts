import { HttpClient, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { ApiError } from '../utils/api-error';
import { Job, JobService } from './job.service';

describe('JobService', () => {
  let service: JobService;
  let http: HttpTestingController;
  let client: HttpClient;

  beforeEach(() => {
    vi.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    service = TestBed.inject(JobService);
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
  });

  const job = (status: Job['status'], extra: Partial<Job> = {}): Partial<Job> => ({
    id: 'J1',
    status,
    done: status === 'succeeded' || status === 'failed',
    url: '/api/v1/jobs/J1/',
    progress: 0,
    ...extra,
  });

  it('polls a queued job until it is done and emits the end', () => {
    const seen: string[] = [];
    let end: Job | undefined;
    service
      .follow(client.post<Job>('/api/v1/renewals/run-scan/', {}))
      .subscribe((j) => seen.push(j.status));
    service.run(client.post<Job>('/api/v1/collections/run-scan/', {})).subscribe((j) => (end = j));
    http.expectOne('/api/v1/renewals/run-scan/').flush(job('queued'));
    http.expectOne('/api/v1/collections/run-scan/').flush(job('queued'));
    vi.advanceTimersByTime(0);
    http.match('/api/v1/jobs/J1/').forEach((r) => r.flush(job('running', { progress: 40 })));
    vi.advanceTimersByTime(1000);
    http
      .match('/api/v1/jobs/J1/')
      .forEach((r) => r.flush(job('succeeded', { summary: 'Scanned 3 leases.' })));
    vi.advanceTimersByTime(5000);
    http.expectNone('/api/v1/jobs/J1/');
    expect(seen).toEqual(['running', 'succeeded']);
    expect(end?.summary).toBe('Scanned 3 leases.');
  });

  it('a failed job errors with its message', () => {
    let error: unknown;
    service
      .run(client.post<Job>('/api/v1/renewals/run-scan/', {}))
      .subscribe({ error: (e) => (error = e) });
    http
      .expectOne('/api/v1/renewals/run-scan/')
      .flush(job('failed', { error: 'RuntimeError: boom' }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).detail).toBe('RuntimeError: boom');
  });
});
