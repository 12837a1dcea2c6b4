import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { FileViewerComponent, MAX_ZOOM, ViewableFile } from './file-viewer.component';

describe('FileViewerComponent', () => {
  let fixture: ComponentFixture<FileViewerComponent>;
  let component: FileViewerComponent;
  let http: HttpTestingController;
  let el: HTMLElement;
  let made: string[];
  let revoked: string[];
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };

  beforeEach(() => {
    made = [];
    revoked = [];
    URL.createObjectURL = vi.fn(() => {
      const url = `blob:http://localhost/${made.length + 1}`;
      made.push(url);
      return url;
    });
    URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    fixture = TestBed.createComponent(FileViewerComponent);
    component = fixture.componentInstance;
    http = TestBed.inject(HttpTestingController);
    el = fixture.nativeElement;
  });

  afterEach(() => {
    http.verify();
    URL.createObjectURL = original.create;
    URL.revokeObjectURL = original.revoke;
  });

  const image: ViewableFile = {
    id: 'img1',
    kind: 'image',
    original_name: 'kitchen.jpg',
    thumbnail: '/api/v1/files/img1/content/?thumbnail=1',
  };
  const pdf: ViewableFile = {
    id: 'pdf1',
    kind: 'pdf',
    original_name: 'lease.pdf',
    thumbnail: null,
  };

  async function show(f: ViewableFile) {
    fixture.componentRef.setInput('file', f);
    await fixture.whenStable();
  }

  it('shows an image thumbnail from an authenticated blob, opens a lightbox and zooms', async () => {
    await show(image);
    const thumb = http.expectOne('/api/v1/files/img1/content/?thumbnail=1');
    expect(thumb.request.responseType).toBe('blob');
    thumb.flush(new Blob(['x'], { type: 'image/jpeg' }));
    await fixture.whenStable();
    expect(el.querySelector('.thumb img')?.getAttribute('src')).toBe(made[0]);

    (el.querySelector('button.thumb') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(el.querySelector('[role="dialog"]')).not.toBeNull();
    expect(el.querySelector('.loading')).not.toBeNull();
    http.expectOne('/api/v1/files/img1/content/').flush(new Blob(['y'], { type: 'image/jpeg' }));
    await fixture.whenStable();
    const full = el.querySelector('img.full') as HTMLImageElement;
    expect(full.getAttribute('src')).toBe(made[1]);

    (el.querySelector('[aria-label="Zoom in"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="zoom"]')?.textContent).toBe('125%');
    expect(full.style.transform).toBe('scale(1.25)');
    for (let i = 0; i < 30; i++) component.zoomBy(0.25);
    expect(component.zoom()).toBe(MAX_ZOOM);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: '0' }));
    expect(component.zoom()).toBe(1);

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await fixture.whenStable();
    expect(el.querySelector('[role="dialog"]')).toBeNull();
    // opening again reuses the downloaded image
    component.open();
    await fixture.whenStable();
    http.expectNone('/api/v1/files/img1/content/');
  });

  it("opens a PDF in the browser's viewer through a blob URL, and revokes it when destroyed", async () => {
    await show(pdf);
    http.expectNone(() => true); // no thumbnail for a PDF
    (el.querySelector('button.pdf') as HTMLButtonElement).click();
    await fixture.whenStable();
    http
      .expectOne('/api/v1/files/pdf1/content/')
      .flush(new Blob(['%PDF-'], { type: 'application/pdf' }));
    await fixture.whenStable();
    const frame = el.querySelector('iframe.pdf-frame') as HTMLIFrameElement;
    expect(frame.getAttribute('src')).toBe(made[0]);
    fixture.destroy();
    expect(revoked).toContain(made[0]);
  });

  it('says why a file could not be opened', async () => {
    await show(pdf);
    component.open();
    http
      .expectOne('/api/v1/files/pdf1/content/')
      .flush(new Blob(['{}']), { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(el.querySelector('[role="dialog"]')).toBeNull();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Could not open the file');
  });
});
