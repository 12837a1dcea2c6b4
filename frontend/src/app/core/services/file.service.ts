import { HttpClient, HttpContext, HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';

/** What a stored file is for (the API's `purpose`). */
export type FilePurpose =
  'work_order' | 'inspection' | 'invoice' | 'document' | 'application' | 'other';

/** An uploaded file as the API reports it (`core/files`: `POST /api/v1/files/`, `GET /api/v1/files/{id}/`). */
export interface StoredFile {
  id: string;
  purpose: FilePurpose;
  kind: 'image' | 'pdf';
  original_name: string;
  content_type: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  page_count: number | null;
  captured_at: string | null;
  created_at: string;
  content_url: string;
  thumbnail: string | null;
}

/**
 * Uploaded files. Their bytes are never public: they are fetched with the signed-in person's token as blobs
 * (`blob()`), or through a signed link that expires (`signedUrl()`).
 */
@Injectable({ providedIn: 'root' })
export class FileService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/files`;

  /** Upload one file; emits the HTTP events (upload progress, then the response with the stored file).
   * Errors are left to the caller (the upload component shows them per file, no toast). */
  upload(file: File, purpose: FilePurpose): Observable<HttpEvent<StoredFile>> {
    const body = new FormData();
    body.append('file', file, file.name);
    body.append('purpose', purpose);
    return this.http.post<StoredFile>(`${this.url}/`, body, {
      reportProgress: true,
      observe: 'events',
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }

  get(id: string): Observable<StoredFile> {
    return this.http.get<StoredFile>(`${this.url}/${id}/`);
  }

  /** The file's bytes (or its thumbnail), downloaded with the caller's token. */
  blob(id: string, thumbnail = false): Observable<Blob> {
    return this.http.get(`${this.url}/${id}/content/`, {
      params: thumbnail ? { thumbnail: '1' } : {},
      responseType: 'blob',
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }

  /** The bytes behind a signed link (`url` from a feature's file entry); read through this origin. */
  blobAt(url: string): Observable<Blob> {
    const u = new URL(url, globalThis.location?.origin ?? 'http://localhost');
    return this.http.get(u.pathname + u.search, {
      responseType: 'blob',
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }

  /** A link that works without signing in until `expires_at` (10 minutes by default). */
  signedUrl(id: string, thumbnail = false): Observable<{ url: string; expires_at: string }> {
    return this.http.post<{ url: string; expires_at: string }>(`${this.url}/${id}/signed-url/`, {
      thumbnail,
    });
  }
}
