import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { ALL_PERMISSIONS, signInAs } from '../../../core/auth/auth.testing';
import { apiInterceptor } from '../../../core/http/api.interceptor';
import { RenewalDetail } from '../../../core/models';
import { RenewalLetterPreviewComponent, letterErrors } from './renewal-letter-preview.component';

const REC = {
  id: 'R1',
  renewal_letter_subject: 'Your renewal offer',
  renewal_letter_text: 'Dear Maria,\n\nWe are pleased to offer…',
  renewal_sms_text: 'Hi Maria, your offer is ready.',
  renewal_letter_generated_at: '2026-03-20T08:00:00Z',
  letter_provider: 'offline',
  letter_model: 'offline',
  letter_edited_at: null,
  letter_edited_by: '',
  allowed_actions: ['approve', 'generate_letter', 'edit_letter'],
} as unknown as RenewalDetail;

describe('RenewalLetterPreviewComponent', () => {
  let fixture: ComponentFixture<RenewalLetterPreviewComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs(ALL_PERMISSIONS);
    fixture = TestBed.createComponent(RenewalLetterPreviewComponent);
    el = fixture.nativeElement;
    fixture.componentRef.setInput('recommendation', REC);
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  const q = <T extends Element = HTMLElement>(s: string) => el.querySelector<T>(s);

  it('previews the subject, the letter and the SMS', () => {
    expect(q('[data-testid=letter-subject]')?.textContent).toBe('Your renewal offer');
    expect(q('[data-testid=letter-text]')?.textContent).toContain('We are pleased to offer');
    expect(q('.bubble')?.textContent).toContain('your offer is ready');
    expect(q('.meta')?.textContent).toContain('offline template');
  });

  it('edits and saves only what changed (PATCH letter/), then emits the fresh recommendation', async () => {
    const changed: RenewalDetail[] = [];
    fixture.componentInstance.changed.subscribe((r) => changed.push(r));
    q<HTMLButtonElement>('[data-testid=edit-letter]')!.click();
    await fixture.whenStable();
    const area = q<HTMLTextAreaElement>('[data-testid=letter-textarea]')!;
    await fixture.whenStable();
    area.value = REC.renewal_letter_text + '\nP.S. See you soon.';
    area.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    q<HTMLButtonElement>('[data-testid=save-letter]')!.click();
    const req = http.expectOne('/api/v1/renewals/R1/letter/');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({
      letter_text: REC.renewal_letter_text + '\nP.S. See you soon.',
    });
    const fresh = { ...REC, renewal_letter_text: req.request.body.letter_text };
    req.flush(fresh);
    await fixture.whenStable();
    expect(changed).toEqual([fresh]);
    expect(q('[data-testid=letter-textarea]')).toBeNull();
  });

  it("shows the API's refusal and stays in edit mode", async () => {
    q<HTMLButtonElement>('[data-testid=edit-letter]')!.click();
    await fixture.whenStable();
    const subject = q<HTMLInputElement>('#lt-subject')!;
    subject.value = 'New subject';
    subject.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    q<HTMLButtonElement>('[data-testid=save-letter]')!.click();
    http
      .expectOne('/api/v1/renewals/R1/letter/')
      .flush(
        { detail: 'The letter went out already; it can no longer be edited.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(q('[data-testid=letter-error]')?.textContent).toContain('can no longer be edited');
    expect(q('[data-testid=letter-textarea]')).not.toBeNull();
  });

  it('hides Edit and Regenerate once the letter is sent', async () => {
    fixture.componentRef.setInput('recommendation', { ...REC, allowed_actions: ['respond'] });
    await fixture.whenStable();
    expect(q('[data-testid=edit-letter]')).toBeNull();
    expect(q('[data-testid=regenerate-letter]')).toBeNull();
    expect(q('.meta')?.textContent).toContain('locked');
  });

  it('shows no Edit or Regenerate to a role that cannot manage renewals (read-only, accountant)', async () => {
    signInAs(['view_portfolio', 'view_renewals', 'view_ledger'], {
      role: 'read_only',
      role_label: 'Read-only',
    });
    await fixture.whenStable();
    expect(q('[data-testid=letter-text]')?.textContent).toContain('We are pleased to offer');
    expect(q('[data-testid=edit-letter]')).toBeNull();
    expect(q('[data-testid=regenerate-letter]')).toBeNull();
    // Not sent yet: the letter is not "locked", the role just can't change it.
    expect(q('.meta')?.textContent).not.toContain('locked');
  });

  it('letterErrors refuses empty or oversized parts', () => {
    expect(letterErrors({ subject: 'S', text: 'T', sms: '' })).toEqual({});
    expect(letterErrors({ subject: ' ', text: '', sms: 'x'.repeat(321) })).toEqual({
      subject: 'The subject cannot be empty.',
      text: 'The letter cannot be empty.',
      sms: 'At most 320 characters.',
    });
  });
});
