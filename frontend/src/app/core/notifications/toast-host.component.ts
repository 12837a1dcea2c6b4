import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ToastService } from './toast.service';

@Component({
  selector: 'app-toast-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toasts" aria-live="polite">
      @for (t of toast.toasts(); track t.id) {
        <div class="toast" [class]="'toast toast-' + t.kind" role="status">
          <span class="msg">{{ t.message }}</span>
          <button type="button" class="close" (click)="toast.dismiss(t.id)" aria-label="Dismiss">
            ×
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .toasts {
      position: fixed;
      right: 20px;
      bottom: 20px;
      z-index: 1000;
      display: flex;
      flex-direction: column;
      gap: 8px;
      max-width: 380px;
    }
    .toast {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 10px 12px 10px 14px;
      border-radius: 8px;
      background: var(--primary);
      color: #fff;
      box-shadow: var(--shadow-lg);
      font-size: 13px;
      border-left: 4px solid var(--teal);
      animation: in 0.18s ease-out;
    }
    .toast-error {
      border-left-color: var(--red);
    }
    .toast-success {
      border-left-color: var(--teal);
    }
    .toast-info {
      border-left-color: var(--gold);
    }
    .msg {
      flex: 1;
    }
    .close {
      background: none;
      border: none;
      color: #cbd5e1;
      font-size: 18px;
      line-height: 1;
      cursor: pointer;
      padding: 0;
    }
    @keyframes in {
      from {
        transform: translateY(8px);
        opacity: 0;
      }
    }
  `,
})
export class ToastHostComponent {
  protected readonly toast = inject(ToastService);
}
