import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';

import { InspectionCandidate, InspectionDetail } from '../../core/models';
import { InspectionService } from '../../core/services/inspection.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { ErrorStateComponent } from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';

interface RoomUpload {
  room: string;
  label: string;
  uploaded: number;
  /** 0–100 while a batch uploads, null otherwise */
  progress: number | null;
  error: string;
  dragging: boolean;
}

const DEFAULT_ROOMS = ['living_room', 'kitchen', 'bedroom_1', 'bathroom_1'];

/**
 * /inspections/new: pick the lease (open turnover cases without an inspection), the inspector and the date;
 * then upload photos room by room (drop them on the room or choose them; several at once, with progress) and
 * start the analysis.
 */
@Component({
  selector: 'app-inspection-new',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, AppDatePipe, ErrorStateComponent],
  templateUrl: './inspection-new.component.html',
  styleUrl: './inspection-new.component.css',
})
export class InspectionNewComponent {
  private readonly inspections = inject(InspectionService);
  private readonly router = inject(Router);

  protected readonly search = signal('');
  protected readonly candidates = rxResource({
    params: () => this.search(),
    stream: ({ params }) => this.inspections.candidates(params),
  });
  protected readonly reference = rxResource({ stream: () => this.inspections.reference() });
  protected readonly roomLabels = computed(() => {
    const rooms = this.reference.hasValue() ? this.reference.value().rooms : [];
    return new Map(rooms.map((r) => [r.value, r.label]));
  });

  protected form = { lease: '', inspector_name: '', inspection_date: toIsoDate(new Date()) };
  protected readonly created = signal<InspectionDetail | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly rooms = signal<RoomUpload[]>([]);
  protected readonly extraRoom = signal('');
  protected readonly totalUploaded = computed(() =>
    this.rooms().reduce((n, r) => n + r.uploaded, 0),
  );
  protected readonly uploading = computed(() => this.rooms().some((r) => r.progress !== null));
  protected readonly errorText = errorMessage;

  protected pick(c: InspectionCandidate): void {
    this.form.lease = c.lease;
  }

  protected create(): void {
    if (!this.form.lease) {
      this.error.set('Choose the lease whose move-out you inspect.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.inspections.create(this.form).subscribe({
      next: (d) => {
        this.busy.set(false);
        this.created.set(d);
        this.rooms.set(DEFAULT_ROOMS.map((r) => this.room(r)));
      },
      error: (err) => {
        this.busy.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }

  private room(room: string): RoomUpload {
    return {
      room,
      label: this.roomLabels().get(room) ?? room,
      uploaded: 0,
      progress: null,
      error: '',
      dragging: false,
    };
  }

  protected addRoom(): void {
    const room = this.extraRoom();
    if (!room || this.rooms().some((r) => r.room === room)) return;
    this.rooms.update((rs) => [...rs, this.room(room)]);
    this.extraRoom.set('');
  }

  private patch(room: string, change: Partial<RoomUpload>): void {
    this.rooms.update((rs) => rs.map((r) => (r.room === room ? { ...r, ...change } : r)));
  }

  protected dragOver(event: DragEvent, room: string, on: boolean): void {
    event.preventDefault();
    this.patch(room, { dragging: on });
  }

  protected drop(event: DragEvent, room: string): void {
    event.preventDefault();
    this.patch(room, { dragging: false });
    this.upload(room, Array.from(event.dataTransfer?.files ?? []));
  }

  protected chosen(event: Event, room: string): void {
    const input = event.target as HTMLInputElement;
    this.upload(room, Array.from(input.files ?? []));
    input.value = '';
  }

  protected upload(room: string, files: File[]): void {
    const inspection = this.created();
    if (!inspection || !files.length) return;
    this.patch(room, { progress: 0, error: '' });
    this.inspections.upload(inspection.id, room, files).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress && event.total) {
          this.patch(room, { progress: Math.round((event.loaded / event.total) * 100) });
        } else if (event.type === HttpEventType.Response && event.body) {
          const added = event.body.ids.length;
          const current = this.rooms().find((r) => r.room === room)?.uploaded ?? 0;
          this.patch(room, { progress: null, uploaded: current + added });
        }
      },
      error: (err) => this.patch(room, { progress: null, error: errorMessage(err) }),
    });
  }

  protected analyse(): void {
    const inspection = this.created();
    if (!inspection) return;
    this.busy.set(true);
    this.error.set(null);
    this.inspections.analyze(inspection.id).subscribe({
      next: () => void this.router.navigate(['/inspections', inspection.id]),
      error: (err) => {
        this.busy.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }
}
