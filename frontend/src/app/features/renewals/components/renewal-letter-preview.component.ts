import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Observable } from 'rxjs';

import { RenewalDetail } from '../../../core/models';
import { AuthService } from '../../../core/auth/auth.service';
import { RenewalService } from '../../../core/services/renewal.service';
import { errorMessage } from '../../../core/utils/api-error';
import { IconComponent } from '../../../shared/components/icon.component';

export const LETTER_MAX = 8000;
export const SUBJECT_MAX = 200;
export const SMS_MAX = 320;

export interface LetterDraft {
  subject: string;
  text: string;
  sms: string;
}

/** What is wrong with a draft (empty or too long), by field. */
export function letterErrors(d: LetterDraft): Partial<Record<keyof LetterDraft, string>> {
  const e: Partial<Record<keyof LetterDraft, string>> = {};
  if (!d.subject.trim()) e.subject = 'The subject cannot be empty.';
  else if (d.subject.length > SUBJECT_MAX) e.subject = `At most ${SUBJECT_MAX} characters.`;
  if (!d.text.trim()) e.text = 'The letter cannot be empty.';
  else if (d.text.length > LETTER_MAX) e.text = `At most ${LETTER_MAX} characters.`;
  if (d.sms.length > SMS_MAX) e.sms = `At most ${SMS_MAX} characters.`;
  return e;
}

/**
 * The renewal letter (spec 1.2 RenewalLetterPreviewComponent): a paper preview with the email subject
 * and the SMS, editable before it is sent (Save → PATCH letter/), or rewritten by the AI.
 */
@Component({
  selector: 'app-renewal-letter-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, DatePipe, IconComponent],
  template: `
    @let r = recommendation();
    <div class="card-header">
      <h2>Renewal letter</h2>
      <div class="tools">
        @if (!editing()) {
          @if (canRegenerate()) {
            <button
              type="button"
              class="btn btn-sm"
              data-testid="regenerate-letter"
              (click)="regenerate()"
              [disabled]="busy()"
            >
              <app-icon name="sparkles" [size]="13" />
              {{ busy() === 'regenerate' ? 'Writing…' : 'Regenerate' }}
            </button>
          }
          @if (canEdit()) {
            <button
              type="button"
              class="btn btn-sm"
              data-testid="edit-letter"
              (click)="startEdit()"
              [disabled]="!!busy()"
            >
              <app-icon name="edit" [size]="13" /> Edit
            </button>
          }
        }
      </div>
    </div>
    <div class="card-body">
      @if (editing()) {
        <form class="edit" (ngSubmit)="save()" novalidate>
          <div class="field">
            <label for="lt-subject">Email subject</label>
            <input
              id="lt-subject"
              name="subject"
              class="input"
              [maxlength]="subjectMax"
              [class.invalid]="errors().subject"
              [ngModel]="draft().subject"
              (ngModelChange)="patch({ subject: $event })"
            />
            @if (errors().subject; as e) {
              <span class="error">{{ e }}</span>
            }
          </div>
          <div class="field">
            <label for="lt-text">Letter</label>
            <textarea
              id="lt-text"
              name="text"
              class="input letter-input"
              rows="16"
              [class.invalid]="errors().text"
              [ngModel]="draft().text"
              (ngModelChange)="patch({ text: $event })"
              data-testid="letter-textarea"
            ></textarea>
            <span class="hint counter" [class.error]="draft().text.length > letterMax"
              >{{ draft().text.length }} / {{ letterMax }}</span
            >
            @if (errors().text; as e) {
              <span class="error">{{ e }}</span>
            }
          </div>
          <div class="field">
            <label for="lt-sms">SMS</label>
            <textarea
              id="lt-sms"
              name="sms"
              class="input"
              rows="3"
              [class.invalid]="errors().sms"
              [ngModel]="draft().sms"
              (ngModelChange)="patch({ sms: $event })"
            ></textarea>
            <span class="hint counter" [class.error]="draft().sms.length > smsMax"
              >{{ draft().sms.length }} / {{ smsMax }}</span
            >
          </div>
          @if (error(); as e) {
            <div class="api-error" role="alert" data-testid="letter-error">{{ e }}</div>
          }
          <div class="edit-actions">
            <button type="button" class="btn" (click)="cancelEdit()" [disabled]="!!busy()">
              Cancel
            </button>
            <button
              type="submit"
              class="btn btn-primary"
              data-testid="save-letter"
              [disabled]="!!busy() || hasErrors()"
            >
              {{ busy() === 'save' ? 'Saving…' : 'Save letter' }}
            </button>
          </div>
        </form>
      } @else {
        @if (error(); as e) {
          <div class="api-error" role="alert" data-testid="letter-error">{{ e }}</div>
        }
        @if (r.renewal_letter_text) {
          <div class="envelope">
            <span class="k">Subject</span>
            <span class="subject" data-testid="letter-subject">{{
              r.renewal_letter_subject || '—'
            }}</span>
          </div>
          <article class="paper" data-testid="letter-text">{{ r.renewal_letter_text }}</article>
          @if (r.renewal_sms_text) {
            <div class="sms">
              <span class="k">SMS</span>
              <div class="bubble">{{ r.renewal_sms_text }}</div>
            </div>
          }
          <div class="meta">
            @if (r.letter_edited_at) {
              Edited by {{ r.letter_edited_by || 'a manager' }} ·
              {{ r.letter_edited_at | date: 'MMM d, y, h:mm a' }}
            } @else if (r.renewal_letter_generated_at) {
              Written by
              {{
                r.letter_provider === 'offline'
                  ? 'the offline template'
                  : r.letter_model || r.letter_provider || 'AI'
              }}
              ·
              {{ r.renewal_letter_generated_at | date: 'MMM d, y, h:mm a' }}
            }
            @if (locked()) {
              · locked (sent)
            }
          </div>
        } @else {
          <div class="no-letter">
            No letter yet.
            @if (canRegenerate()) {
              <button type="button" class="btn btn-sm" (click)="regenerate()" [disabled]="!!busy()">
                Write one
              </button>
            }
          </div>
        }
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      box-shadow: var(--shadow-sm);
      text-align: left;
    }
    .tools {
      display: flex;
      gap: 6px;
    }
    .envelope {
      display: flex;
      align-items: baseline;
      gap: 10px;
      margin-bottom: 10px;
      font-size: 13px;
    }
    .k {
      font: 700 10.5px var(--font-heading);
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--muted);
      flex-shrink: 0;
    }
    .subject {
      font-weight: 600;
      color: var(--primary);
    }
    .paper {
      position: relative;
      padding: 22px 26px;
      border: 1px solid var(--border);
      border-top: 4px solid var(--gold);
      border-radius: 4px;
      background: #fffdf7;
      box-shadow:
        0 1px 0 #eee,
        0 6px 14px rgba(15, 23, 42, 0.05);
      white-space: pre-wrap;
      font-size: 13.5px;
      line-height: 1.6;
      color: var(--text);
      max-height: 520px;
      overflow: auto;
    }
    .sms {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      margin-top: 14px;
    }
    .bubble {
      max-width: 460px;
      padding: 8px 12px;
      border-radius: 14px 14px 14px 4px;
      background: #e0f2fe;
      color: #0c4a6e;
      font-size: 13px;
    }
    .meta {
      margin-top: 10px;
      font-size: 12px;
      color: var(--muted);
    }
    .no-letter {
      display: flex;
      align-items: center;
      gap: 10px;
      color: var(--muted);
    }
    .edit {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .letter-input {
      font-size: 13.5px;
      line-height: 1.55;
    }
    .counter {
      align-self: flex-end;
    }
    .edit-actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class RenewalLetterPreviewComponent {
  private readonly renewals = inject(RenewalService);

  readonly recommendation = input.required<RenewalDetail>();
  /** Emits the fresh recommendation after a save or a rewrite. */
  readonly changed = output<RenewalDetail>();

  protected readonly letterMax = LETTER_MAX;
  protected readonly subjectMax = SUBJECT_MAX;
  protected readonly smsMax = SMS_MAX;

  private readonly auth = inject(AuthService);
  /** Editing and rewriting the letter: when the state allows it and the role manages renewals. */
  protected readonly canEdit = computed(
    () =>
      this.auth.can('manage_renewals') &&
      this.recommendation().allowed_actions.includes('edit_letter'),
  );
  protected readonly canRegenerate = computed(
    () =>
      this.auth.can('manage_renewals') &&
      this.recommendation().allowed_actions.includes('generate_letter'),
  );
  /** Sent: the letter can no longer change (as opposed to a role that can't change it). */
  protected readonly locked = computed(
    () => !this.recommendation().allowed_actions.includes('edit_letter'),
  );
  protected readonly editing = signal(false);
  protected readonly draft = signal<LetterDraft>({ subject: '', text: '', sms: '' });
  protected readonly busy = signal<'save' | 'regenerate' | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly errors = computed(() => letterErrors(this.draft()));
  protected readonly hasErrors = computed(() => Object.keys(this.errors()).length > 0);

  protected startEdit(): void {
    const r = this.recommendation();
    this.draft.set({
      subject: r.renewal_letter_subject,
      text: r.renewal_letter_text,
      sms: r.renewal_sms_text,
    });
    this.error.set(null);
    this.editing.set(true);
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.error.set(null);
  }

  protected patch(changes: Partial<LetterDraft>): void {
    this.draft.update((d) => ({ ...d, ...changes }));
  }

  protected save(): void {
    if (this.hasErrors() || this.busy()) return;
    const r = this.recommendation();
    const d = this.draft();
    const changes: Record<string, string> = {};
    if (d.text !== r.renewal_letter_text) changes['letter_text'] = d.text;
    if (d.subject !== r.renewal_letter_subject) changes['subject'] = d.subject.trim();
    if (d.sms !== r.renewal_sms_text) changes['sms_text'] = d.sms;
    if (!Object.keys(changes).length) {
      this.editing.set(false);
      return;
    }
    this.run('save', this.renewals.updateLetter(r.id, changes), () => this.editing.set(false));
  }

  protected regenerate(): void {
    if (this.busy()) return;
    this.run('regenerate', this.renewals.generateLetter(this.recommendation().id));
  }

  private run(
    kind: 'save' | 'regenerate',
    call: Observable<RenewalDetail>,
    after?: () => void,
  ): void {
    this.busy.set(kind);
    this.error.set(null);
    call.subscribe({
      next: (fresh) => {
        this.busy.set(null);
        after?.();
        this.changed.emit(fresh);
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set(errorMessage(err));
      },
    });
  }
}
