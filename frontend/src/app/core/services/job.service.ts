import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, last, switchMap, takeWhile, throwError, timer } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import { ApiError } from '../utils/api-error';

/** A background job as the API reports it (`GET /api/v1/jobs/{id}/`; see core/jobs.py). */
export interface Job<R = Record<string, unknown>> {
  id: string;
  job_id: string;
  kind: string;
  scope: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  done: boolean;
  progress: number;
  message: string;
  result: R | null;
  summary: string | null;
  error: string;
  url: string;
  created?: boolean;
}

/** How often a running job is polled. */
export const JOB_POLL_MS = 1000;

/**
 * Follows a job a "run now" POST started (202 + job) until it is done: emits every poll (for progress)
 * and completes after the final state; a failed job errors with its message.
 */
@Injectable({ providedIn: 'root' })
export class JobService {
  private readonly http = inject(HttpClient);

  get<R>(id: string): Observable<Job<R>> {
    return this.http.get<Job<R>>(`${environment.apiUrl}/jobs/${id}/`, {
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }

  /** Emits the started job, then each poll, until `done`. */
  follow<R>(start: Observable<Job<R>>, pollMs = JOB_POLL_MS): Observable<Job<R>> {
    return start.pipe(
      switchMap((job) =>
        job.done
          ? [job]
          : timer(0, pollMs).pipe(
              switchMap(() => this.get<R>(job.id)),
              takeWhile((j) => !j.done, true),
            ),
      ),
    );
  }

  /** The finished job (failed -> error); for callers that only want the end. */
  run<R>(start: Observable<Job<R>>, pollMs = JOB_POLL_MS): Observable<Job<R>> {
    return this.follow(start, pollMs).pipe(
      last(),
      switchMap((job) =>
        job.status === 'failed'
          ? throwError(() => new ApiError(0, job.error || 'The job failed.'))
          : [job],
      ),
    );
  }
}
