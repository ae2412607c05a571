import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { verifyAudit } from '../audit/audit.service';
import { listRecurrences } from '../work-items/recurrences.service';
import { createWorkItem } from '../work-items/work-items.service';
import { getWorkflow } from '../workflows/workflows.service';
import type { ConfigurationTarget } from './configuration.section';
import {
  applyConfiguration,
  exportConfiguration,
  planConfiguration,
  systemActor,
} from './configuration.service';
import { parseConfigurationYaml, stringifyConfiguration } from './configuration.yaml';

const yaml = String.raw;

function workText(wip = 3, extraState = ''): string {
  return yaml`
apiVersion: regia/v1
users:
  - { email: wf.anna@example.test, name: Anna, role: lead }
teams:
  - { name: wf Rete, members: [{ email: wf.anna@example.test, lead: true }] }
workflows:
  - team: wf Rete
    states:
      - { name: Backlog, category: todo }
      - { name: In corso, category: in_progress, wipLimit: ${wip} }${extraState}
      - { name: Fatto, category: done }
workRecurrences:
  - name: wf patch mensili
    team: wf Rete
    schedule: "0 9 L * *"
    title: Patch mensili switch
    assignee: wf.anna@example.test
    leadDays: 10
`;
}

describeEachDialect('workflows and recurring work as code', (storage) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  const local = (): ConfigurationTarget => ({ mode: 'local', ctx, actor: systemActor('cli') });
  const planOf = (text: string) => planConfiguration(local(), parseConfigurationYaml(text));
  const teamId = async () =>
    (await ctx.db.selectFrom('teams').select('id').where('name', '=', 'wf Rete').executeTakeFirstOrThrow())
      .id;

  it('replaces the default workflow by the file, creates recurring work, and round-trips', async () => {
    await applyConfiguration(local(), await planOf(workText()));
    const id = await teamId();
    // An item in "In review" (a default state the file leaves out) must land in the in-progress state kept.
    const before = await getWorkflow(ctx, systemActor('test'), id);
    expect(before.states.map((state) => [state.name, state.category, state.wipLimit])).toEqual([
      ['Backlog', 'todo', null],
      ['In corso', 'in_progress', 3],
      ['Fatto', 'done', null],
    ]);
    const recurrences = await listRecurrences(ctx, systemActor('test'), { teamId: id });
    expect(recurrences.rows).toMatchObject([
      { name: 'wf patch mensili', schedule: '0 9 L * *', leadDays: 10 },
    ]);
    expect(recurrences.rows[0]?.assigneeId).not.toBeNull();

    const exported = stringifyConfiguration(await exportConfiguration(local()));
    const again = await planOf(exported);
    expect(again.counts.create + again.counts.update).toBe(0);
    expect((await verifyAudit(ctx)).isIntact).toBe(true);
  });

  it('updates a WIP limit, adds and removes states, and moves their items', async () => {
    const id = await teamId();
    await applyConfiguration(
      local(),
      await planOf(workText(3, '\n      - { name: Verifica, category: in_progress }')),
    );
    const workflow = await getWorkflow(ctx, systemActor('test'), id);
    const review = workflow.states.find((state) => state.name === 'Verifica');
    const item = await createWorkItem(ctx, systemActor('test'), {
      teamId: id,
      title: 'Firmware',
      stateId: review?.id,
    });
    const plan = await planOf(workText(2));
    expect(plan.entries.filter((entry) => entry.action === 'update').map((entry) => entry.key)).toEqual([
      'wf Rete',
    ]);
    await applyConfiguration(local(), plan);
    const after = await getWorkflow(ctx, systemActor('test'), id);
    expect(after.states.map((state) => [state.name, state.wipLimit])).toEqual([
      ['Backlog', null],
      ['In corso', 2],
      ['Fatto', null],
    ]);
    const moved = await ctx.db
      .selectFrom('workItems')
      .select('stateId')
      .where('id', '=', item.id)
      .executeTakeFirst();
    expect(moved?.stateId).toBe(after.states[1]?.id);
  });

  it('reports unknown teams and assignees before writing anything', async () => {
    const text = workText()
      .replaceAll('team: wf Rete', 'team: wf Nowhere')
      .replace('assignee: wf.anna', 'assignee: wf.nobody');
    const error = await planOf(text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(((error as AppError).details as { path: string }[]).map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['workflows[0].team', 'workRecurrences[0].team', 'workRecurrences[0].assignee']),
    );
  });
});
