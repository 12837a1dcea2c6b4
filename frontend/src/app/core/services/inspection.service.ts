import { HttpClient, HttpContext, HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  DamageItem,
  DamageItemInput,
  Inspection,
  InspectionCandidate,
  InspectionDetail,
  InspectionFilters,
  InspectionLetterPreview,
  InspectionPhoto,
  InspectionReference,
  Paginated,
} from '../models';
import { toHttpParams } from '../utils/http-params';

/**
 * Move-out inspections (`/api/v1/inspections/`): read with view_portfolio; inspecting (create, upload, analyse,
 * review, items) with manage_leases or manage_maintenance; the letter and finalize with manage_leases. Writes
 * are SILENT: the screens show the API's `detail` where the action was.
 */
@Injectable({ providedIn: 'root' })
export class InspectionService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/inspections`;

  list(filters?: InspectionFilters): Observable<Paginated<Inspection>> {
    return this.http.get<Paginated<Inspection>>(`${this.url}/`, { params: toHttpParams(filters) });
  }

  candidates(search = ''): Observable<Paginated<InspectionCandidate>> {
    return this.http.get<Paginated<InspectionCandidate>>(`${this.url}/candidates/`, {
      params: toHttpParams({ search: search || null, page_size: 50 }),
    });
  }

  reference(): Observable<InspectionReference> {
    return this.http.get<InspectionReference>(`${this.url}/reference/`);
  }

  get(id: string): Observable<InspectionDetail> {
    return this.http.get<InspectionDetail>(`${this.url}/${id}/`);
  }

  create(body: {
    lease: string;
    inspector_name: string;
    inspection_date: string;
  }): Observable<InspectionDetail> {
    return this.http.post<InspectionDetail>(`${this.url}/`, body, { context: silent() });
  }

  /** One room's photos (multipart), with upload progress events. */
  upload(
    id: string,
    room: string,
    files: File[],
  ): Observable<HttpEvent<{ ids: string[]; photos: InspectionPhoto[] }>> {
    const form = new FormData();
    form.append('room', room);
    for (const f of files) form.append('photos', f, f.name);
    return this.http.post<{ ids: string[]; photos: InspectionPhoto[] }>(
      `${this.url}/${id}/upload-photos/`,
      form,
      { context: silent(), reportProgress: true, observe: 'events' },
    );
  }

  analyze(id: string, force = false): Observable<InspectionDetail> {
    return this.http.post<InspectionDetail>(
      `${this.url}/${id}/analyze/`,
      { force },
      { context: silent() },
    );
  }

  review(photoId: string, classification: string): Observable<InspectionPhoto> {
    return this.http.patch<InspectionPhoto>(
      `${this.url}/photos/${photoId}/`,
      { human_classification: classification },
      { context: silent() },
    );
  }

  addItem(photoId: string, body: DamageItemInput): Observable<DamageItem> {
    return this.http.post<DamageItem>(`${this.url}/photos/${photoId}/damage-items/`, body, {
      context: silent(),
    });
  }

  updateItem(photoId: string, itemId: string, body: DamageItemInput): Observable<DamageItem> {
    return this.http.patch<DamageItem>(
      `${this.url}/photos/${photoId}/damage-items/${itemId}/`,
      body,
      { context: silent() },
    );
  }

  deleteItem(photoId: string, itemId: string): Observable<void> {
    return this.http.delete<void>(`${this.url}/photos/${photoId}/damage-items/${itemId}/`, {
      context: silent(),
    });
  }

  generateLetter(id: string): Observable<InspectionDetail> {
    return this.http.post<InspectionDetail>(
      `${this.url}/${id}/generate-letter/`,
      {},
      {
        context: silent(),
      },
    );
  }

  letter(id: string): Observable<InspectionLetterPreview> {
    return this.http.get<InspectionLetterPreview>(`${this.url}/${id}/letter/`, {
      context: silent(),
    });
  }

  letterPdf(id: string): Observable<Blob> {
    return this.http.get(`${this.url}/${id}/letter-pdf/`, { responseType: 'blob' });
  }

  sendLetter(id: string): Observable<InspectionDetail> {
    return this.http.post<InspectionDetail>(
      `${this.url}/${id}/send-letter/`,
      {},
      {
        context: silent(),
      },
    );
  }

  finalize(id: string): Observable<InspectionDetail> {
    return this.http.post<InspectionDetail>(
      `${this.url}/${id}/finalize/`,
      {},
      {
        context: silent(),
      },
    );
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
