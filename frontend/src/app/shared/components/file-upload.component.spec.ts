import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { StoredFile } from '../../core/services/file.service';
import { FileUploadComponent, formatBytes } from './file-upload.component';

const stored = (id: string, name: string): StoredFile =>
  ({ id, original_name: name, kind: 'image', content_type: 'image/jpeg' }) as StoredFile;

describe('FileUploadComponent', () => {
  let fixture: ComponentFixture<FileUploadComponent>;
  let component: FileUploadComponent;
  let http: HttpTestingController;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    fixture = TestBed.createComponent(FileUploadComponent);
    component = fixture.componentInstance;
    fixture.componentRef.setInput('purpose', 'inspection');
    http = TestBed.inject(HttpTestingController);
    el = fixture.nativeElement;
  });

  afterEach(() => http.verify());

  const file = (name: string, size = 100) => new File([new Uint8Array(size)], name);
  const items = () => Array.from(el.querySelectorAll('li.item'));

  function drop(files: File[]) {
    const event = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: { files } });
    el.querySelector('[data-testid="upload-zone"]')!.dispatchEvent(event);
  }

  it('uploads several dropped files, each with its own progress bar, and emits each stored file', async () => {
    const uploaded: StoredFile[] = [];
    let all: StoredFile[] = [];
    component.uploaded.subscribe((f) => uploaded.push(f));
    component.changed.subscribe((f) => (all = f));
    drop([file('a.jpg', 1000), file('b.pdf', 2000)]);
    await fixture.whenStable();

    const reqs = http.match('/api/v1/files/');
    expect(reqs.length).toBe(2);
    const body = reqs[0].request.body as FormData;
    expect(body.get('purpose')).toBe('inspection');
    expect((body.get('file') as File).name).toBe('a.jpg');
    expect(reqs[0].request.reportProgress).toBe(true);

    reqs[0].event({ type: HttpEventType.UploadProgress, loaded: 500, total: 1000 });
    reqs[1].event({ type: HttpEventType.UploadProgress, loaded: 200, total: 2000 });
    await fixture.whenStable();
    const bars = el.querySelectorAll('[role="progressbar"]');
    expect(bars.length).toBe(2);
    expect(bars[0].getAttribute('aria-valuenow')).toBe('50');
    expect(bars[1].getAttribute('aria-valuenow')).toBe('10');
    expect((bars[0].querySelector('span') as HTMLElement).style.width).toBe('50%');

    reqs[0].flush(stored('f1', 'a.jpg'));
    await fixture.whenStable();
    expect(items()[0].getAttribute('data-status')).toBe('done');
    expect(items()[1].getAttribute('data-status')).toBe('uploading');
    expect(uploaded.map((f) => f.id)).toEqual(['f1']);
    reqs[1].flush(stored('f2', 'b.pdf'));
    await fixture.whenStable();
    expect(all.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(component.busy()).toBe(false);
  });

  it("shows the server's reason under the refused file only, and Retry uploads it again", async () => {
    component.add([file('holiday.jpg'), file('ok.png')]);
    await fixture.whenStable();
    const [bad, good] = http.match('/api/v1/files/');
    bad.flush(
      { detail: 'This file is a program, not an image or a PDF.' },
      { status: 400, statusText: 'Bad Request' },
    );
    good.flush(stored('f2', 'ok.png'));
    await fixture.whenStable();

    expect(items()[0].getAttribute('data-status')).toBe('error');
    expect(items()[0].querySelector('[role="alert"]')?.textContent).toContain(
      'This file is a program',
    );
    expect(items()[1].getAttribute('data-status')).toBe('done');
    expect(items()[1].querySelector('[role="alert"]')).toBeNull();

    (items()[0].querySelector('button.retry') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(items()[0].getAttribute('data-status')).toBe('uploading');
    const again = http.expectOne('/api/v1/files/');
    expect(((again.request.body as FormData).get('file') as File).name).toBe('holiday.jpg');
    again.flush(stored('f3', 'holiday.jpg'));
    await fixture.whenStable();
    expect(items().map((i) => i.getAttribute('data-status'))).toEqual(['done', 'done']);
    expect(component.stored().map((f) => f.id)).toEqual(['f3', 'f2']);
  });

  it('a network failure is a per-file error too', async () => {
    component.add([file('a.jpg')]);
    http.expectOne('/api/v1/files/').error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(items()[0].querySelector('[role="alert"]')?.textContent).toContain(
      'Cannot reach the server',
    );
  });

  it('single mode keeps one file; removing a stored file updates the list', async () => {
    let all: StoredFile[] = [{} as StoredFile];
    component.changed.subscribe((f) => (all = f));
    fixture.componentRef.setInput('multiple', false);
    component.add([file('one.jpg'), file('two.jpg')]);
    await fixture.whenStable();
    http.expectOne('/api/v1/files/').flush(stored('f1', 'one.jpg'));
    await fixture.whenStable();
    expect(items().length).toBe(1);
    (items()[0].querySelector('button.remove') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(items().length).toBe(0);
    expect(all).toEqual([]);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB');
  });
});
