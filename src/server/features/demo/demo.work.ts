import type { z } from 'zod';
import type { WorkflowSpec, WorkRecurrenceSpec } from '../../../shared/contracts/work-configuration';
import type { NewWorkItemInput } from '../../../shared/contracts/work-items';
import { addDays, localDateOf } from '../../../shared/domain/calendar-dates';
import type { AppContext } from '../../context';
import type { Actor } from '../auth/actor';
import { addDependency } from '../work-items/work-item-relations.service';
import { createWorkItemIn } from '../work-items/work-items.service';
import { demoBacklogs } from './demo.backlogs';
import { seedDemoRequests } from './demo.requests';

// The demo company's work: each team's workflow (some with work-in-progress limits), its recurring
// work, and a backlog that looks lived in. Dates are days from the seeding day, so that the demo
// always has work due this week and some already late.

const person = (name: string) => `${name}@regia.demo`;
const todo = (name: string) => ({ name, category: 'todo' as const });
const doing = (name: string, wipLimit?: number) => ({ name, category: 'in_progress' as const, wipLimit });
const done = (name: string) => ({ name, category: 'done' as const });

/** Each team's workflow; WIP limits where a team wants to finish before it starts more. */
export function demoWorkflows(): z.input<typeof WorkflowSpec>[] {
  return [
    {
      team: 'Infrastruttura',
      states: [todo('Da fare'), doing('In corso', 3), doing('In verifica'), done('Completato')],
    },
    {
      team: 'Applicazioni',
      states: [
        todo('Backlog'),
        todo('Pronto'),
        doing('In sviluppo', 4),
        doing('In collaudo'),
        done('Rilasciato'),
      ],
    },
    {
      team: 'Service Desk',
      states: [
        { name: 'Da valutare', category: 'triage' },
        todo('Da fare'),
        doing('In lavorazione', 5),
        done('Risolto'),
      ],
    },
    { team: 'Sicurezza', states: [todo('Da fare'), doing('In corso', 2), done('Completato')] },
    {
      team: 'Rete',
      states: [todo('Da fare'), doing('In corso', 2), doing('In verifica'), done('Completato')],
    },
  ];
}

/** Recurring work: monthly patching, quarterly access review, yearly disaster-recovery test, ... */
export function demoWorkRecurrences(): z.input<typeof WorkRecurrenceSpec>[] {
  return [
    {
      name: 'Patch mensili server',
      team: 'Infrastruttura',
      schedule: '0 18 15 * *',
      title: 'Patch mensili server Windows e Linux',
      description:
        'Installare gli aggiornamenti del mese nella finestra di manutenzione e verificare i servizi.',
      type: 'change',
      priority: 2,
      assignee: person('stefano.greco'),
      leadDays: 7,
    },
    {
      name: 'Revisione accessi trimestrale',
      team: 'Sicurezza',
      schedule: '0 9 10 1,4,7,10 *',
      title: 'Revisione trimestrale degli accessi privilegiati',
      description:
        'Verificare con i responsabili gli account amministrativi e i gruppi di accesso a SAP e AD.',
      priority: 2,
      assignee: person('valentina.lombardi'),
      leadDays: 14,
    },
    {
      name: 'Test di ripristino annuale',
      team: 'Infrastruttura',
      schedule: '0 9 20 10 *',
      title: 'Test di ripristino dal sito DR',
      description: 'Ripristinare ERP e file server nella colocation di Milano e misurare RTO e RPO.',
      type: 'project',
      priority: 1,
      assignee: person('luca.colombo'),
      leadDays: 45,
    },
    {
      name: 'Aggiornamento firmware switch semestrale',
      team: 'Rete',
      schedule: '0 9 1 3,9 *',
      title: 'Aggiornamento firmware switch di stabilimento',
      type: 'change',
      assignee: person('federico.barbieri'),
      leadDays: 21,
    },
  ];
}

export async function seedDemoWork(ctx: AppContext, actor: Actor): Promise<number> {
  const today = localDateOf(ctx.now(), ctx.config.timezone);
  const users = new Map(
    (await ctx.db.selectFrom('users').select(['id', 'email']).execute()).map((user) => [user.email, user.id]),
  );
  let created = 0;
  for (const [teamName, backlog] of Object.entries(demoBacklogs())) {
    const team = await ctx.db
      .selectFrom('teams')
      .select('id')
      .where('name', '=', teamName)
      .executeTakeFirst();
    if (!team) continue;
    const existing = await ctx.db
      .selectFrom('workItems')
      .select('id')
      .where('teamId', '=', team.id)
      .executeTakeFirst();
    if (existing) continue;
    const states = await ctx.db
      .selectFrom('workflowStates')
      .select(['id', 'name'])
      .where('teamId', '=', team.id)
      .execute();
    const stateIds = new Map(states.map((state) => [state.name, state.id]));
    const ids = new Map<string, number>();
    await ctx.db.transaction().execute(async (trx) => {
      for (const item of backlog) {
        const input: NewWorkItemInput = {
          teamId: team.id,
          title: item.title,
          description: item.description ?? '',
          type: item.type ?? 'task',
          priority: item.priority ?? 3,
          stateId: stateIds.get(item.state),
          assigneeId: item.assignee ? (users.get(person(item.assignee)) ?? null) : null,
          parentId: item.parent ? (ids.get(item.parent) ?? null) : null,
          startDate: item.start === undefined ? null : addDays(today, item.start),
          dueDate: item.due === undefined ? null : addDays(today, item.due),
          estimateMinutes: item.estimateHours === undefined ? null : item.estimateHours * 60,
          spentMinutes: (item.spentHours ?? 0) * 60,
          labels: item.labels ?? [],
        };
        const id = await createWorkItemIn(ctx, trx, actor, input);
        if (item.key) ids.set(item.key, id);
        created += 1;
      }
    });
    for (const item of backlog) {
      const blocked = item.key ? ids.get(item.key) : undefined;
      for (const blocker of item.blockedBy ?? []) {
        const blockerId = ids.get(blocker);
        const blockedId = blocked ?? (await idByTitle(ctx, team.id, item.title));
        if (blockerId !== undefined && blockedId !== undefined) {
          await addDependency(ctx, actor, blockedId, { blockerId });
        }
      }
    }
    ctx.events.emit('work.changed', { workItemId: null, teamId: team.id });
  }
  // Then the colleagues' requests, some merged into this backlog; accepting one makes a work item.
  return created + (await seedDemoRequests(ctx));
}

async function idByTitle(ctx: AppContext, teamId: number, title: string): Promise<number | undefined> {
  const row = await ctx.db
    .selectFrom('workItems')
    .select('id')
    .where('teamId', '=', teamId)
    .where('title', '=', title)
    .executeTakeFirst();
  return row?.id;
}
