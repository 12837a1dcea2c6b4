import {
  ChangeDetectionStrategy,
  Component,
  OnDestroy,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Location } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import {
  ChatActionBlock,
  ChatBlock,
  ChatChartBlock,
  ChatConversation,
  ChatEvent,
  ChatService,
} from '../../core/services/chat.service';
import {
  BULK_PRESELECTION_STATE,
  BulkPreselection,
} from '../../core/services/command-center.service';
import { ToastService } from '../../core/notifications/toast.service';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { SUGGESTED_QUESTIONS, formatCell, isAction, isTable } from './chat-format';

interface Turn {
  role: 'user' | 'assistant';
  content: string;
  blocks: ChatBlock[];
  streaming?: boolean;
  error?: string;
}

/** `/chat` and `/chat/:conversationId`: ask about the portfolio; answers stream in with tables and buttons. */
@Component({
  selector: 'app-chat',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, LoadingStateComponent, ErrorStateComponent],
  templateUrl: './chat.component.html',
  styleUrl: './chat.component.css',
})
export class ChatComponent implements OnDestroy {
  private readonly chat = inject(ChatService);
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly location = inject(Location);

  readonly conversationId = input<string | undefined>(undefined);

  protected readonly suggestions = SUGGESTED_QUESTIONS;
  protected readonly conversations = signal<ChatConversation[]>([]);
  protected readonly listError = signal(false);
  protected readonly turns = signal<Turn[]>([]);
  protected readonly loadingHistory = signal(false);
  protected readonly historyError = signal(false);
  protected readonly streaming = signal(false);
  protected readonly question = signal('');
  protected readonly confirmed = signal<Set<string>>(new Set());
  protected readonly formatCell = formatCell;
  protected readonly isTable = isTable;
  protected readonly isAction = isAction;
  protected readonly empty = computed(() => this.turns().length === 0 && !this.loadingHistory());
  /** The conversation on screen: the route's, or the one a first question just created (the URL follows with
   * replaceState, so this component and its stream stay alive). */
  protected readonly activeId = signal<string | undefined>(undefined);
  private controller: AbortController | null = null;

  constructor() {
    this.loadConversations();
    effect(() => {
      const id = this.conversationId();
      untracked(() => {
        this.controller?.abort();
        this.activeId.set(id);
        this.turns.set([]);
        if (id) this.loadHistory(id);
      });
    });
  }

  ngOnDestroy(): void {
    this.controller?.abort();
  }

  protected loadConversations(): void {
    this.chat.conversations().subscribe({
      next: (page) => {
        this.conversations.set(page.results);
        this.listError.set(false);
      },
      error: () => this.listError.set(true),
    });
  }

  private loadHistory(id: string): void {
    this.loadingHistory.set(true);
    this.historyError.set(false);
    this.chat.history(id).subscribe({
      next: (messages) => {
        this.turns.set(
          messages
            .filter((m) => m.role !== 'system')
            .map((m) => ({
              role: m.role as 'user' | 'assistant',
              content: m.content,
              blocks: m.blocks,
            })),
        );
        this.loadingHistory.set(false);
      },
      error: () => {
        this.loadingHistory.set(false);
        this.historyError.set(true);
      },
    });
  }

  protected newConversation(): void {
    this.controller?.abort();
    this.activeId.set(undefined);
    this.turns.set([]);
    this.historyError.set(false);
    void this.router.navigate(['/chat']);
  }

  protected async send(text?: string): Promise<void> {
    const content = (text ?? this.question()).trim();
    if (!content || this.streaming()) return;
    this.question.set('');
    let id = this.activeId();
    if (!id) {
      try {
        const created = await firstValueFrom(this.chat.create());
        id = created.id;
        this.activeId.set(id);
        this.location.replaceState(`/chat/${id}`);
      } catch {
        return;
      }
    }
    const answer: Turn = { role: 'assistant', content: '', blocks: [], streaming: true };
    this.turns.update((t) => [...t, { role: 'user', content, blocks: [] }, answer]);
    this.streaming.set(true);
    this.controller = new AbortController();
    const update = (patch: Partial<Turn>) =>
      this.turns.update((t) =>
        t.map((turn, i) => (i === t.length - 1 ? { ...turn, ...patch } : turn)),
      );
    const onEvent = (event: ChatEvent) => {
      const last = this.turns()[this.turns().length - 1];
      if (event.type === 'text') update({ content: last.content + event.text });
      else if (event.type === 'block') update({ blocks: [...last.blocks, event.block] });
      else if (event.type === 'done') update({ streaming: false });
      else if (event.type === 'error') update({ streaming: false, error: event.detail });
    };
    try {
      await this.chat.ask(id, content, onEvent, this.controller.signal);
    } catch (err) {
      if ((err as Error).name === 'AbortError') update({ streaming: false, error: 'Stopped.' });
      else update({ streaming: false, error: 'The connection was lost.' });
    } finally {
      update({ streaming: false });
      this.streaming.set(false);
      this.controller = null;
      this.loadConversations();
    }
  }

  protected stop(): void {
    this.controller?.abort();
  }

  protected open(action: ChatActionBlock): void {
    if (!action.route) return;
    if (action.kind === 'bulk_action' && action.bulk_action && action.unit_ids?.length) {
      // the command center opens filtered, with these units selected and the bulk action's preview open
      const bulk: BulkPreselection = {
        action_type: action.bulk_action,
        unit_ids: action.unit_ids,
        rents: action.rents,
      };
      void this.router.navigate([action.route], {
        queryParams: action.params ?? {},
        state: { [BULK_PRESELECTION_STATE]: bulk },
      });
    } else if (action.kind === 'link' || action.kind === 'bulk_action') {
      void this.router.navigate([action.route], { queryParams: action.params ?? {} });
    }
  }

  protected confirm(action: ChatActionBlock): void {
    if (!action.endpoint || !action.body) return;
    const key = JSON.stringify(action.body);
    this.http
      .post<{ id: string; work_order_number?: string }>(action.endpoint, action.body)
      .subscribe({
        next: (created) => {
          this.confirmed.update((s) => new Set(s).add(key));
          this.toast.success(
            created.work_order_number
              ? `Work order ${created.work_order_number} created.`
              : (action.success ?? 'Done.'),
          );
        },
        error: () => undefined, // the API interceptor has toasted the API's reason
      });
  }

  protected isConfirmed(action: ChatActionBlock): boolean {
    return this.confirmed().has(JSON.stringify(action.body));
  }

  protected barWidth(chart: ChatChartBlock, value: number): number {
    const max = Math.max(...chart.series[0].points.map((p) => Math.abs(p.value)), 1);
    return Math.round((100 * Math.abs(value)) / max);
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void this.send();
    }
  }
}
