import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { SILENT_ERRORS } from '../http/http-context';
import { CommunicationsService } from './communications.service';

describe('CommunicationsService', () => {
  let service: CommunicationsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    service = TestBed.inject(CommunicationsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists conversations with the filters that are set', () => {
    service.getConversations({ category: 'emergency', search: '', page_size: 30 }).subscribe();
    const req = http.expectOne((r) => r.url.endsWith('/communications/conversations/'));
    expect(req.request.params.get('category')).toBe('emergency');
    expect(req.request.params.has('search')).toBe(false);
    expect(req.request.params.get('page_size')).toBe('30');
    req.flush({ count: 0, next: null, previous: null, results: [] });
  });

  it('replies with the content and channel, errors shown by the caller', () => {
    service.reply('c1', 'On our way', 'sms').subscribe();
    const req = http.expectOne((r) => r.url.endsWith('/communications/conversations/c1/reply/'));
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ content: 'On our way', channel: 'sms' });
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    req.flush({});
  });

  it('previews, creates and sends a broadcast', () => {
    service.previewBroadcast({ property_id: 'p1' }).subscribe();
    http.expectOne((r) => r.url.endsWith('/broadcasts/preview/')).flush({ recipient_count: 3 });
    service
      .createBroadcast({ title: 'T', content: 'C', channels: ['sms'], recipient_filter: {} })
      .subscribe();
    http
      .expectOne((r) => r.url.endsWith('/broadcasts/') && r.method === 'POST')
      .flush({ id: 'b1' });
    service.sendBroadcast('b1').subscribe();
    http.expectOne((r) => r.url.endsWith('/broadcasts/b1/send/')).flush({});
  });
});
