import type { CommentEntityType } from '../../../shared/contracts/collaboration';
import type { RequestKind } from '../../../shared/contracts/requests';
import type { AppContext } from '../../context';
import { type Actor, loadActor } from '../auth/actor';
import { createComment } from '../collaboration/comments.service';
import { acceptRequest, declineRequest, mergeRequest, submitRequest } from '../requests/requests.service';

// Requests from colleagues outside ICT, so that triage has something to decide in a new demo:
// some waiting, one accepted (its thread goes on on the work item), one merged into a work item of
// the backlog, one declined with a reason. Each step is taken by the person who would take it,
// hours or days ago, through the requests and comments services (so each has its audit record).

const hour = 3_600_000;
const person = (name: string) => `${name}@regia.demo`;

/** One step after submission: who takes it and how long after the request was sent. */
type DemoStep =
  | { action: 'comment'; by: string; afterHours: number; body: string }
  | { action: 'accept'; by: string; afterHours: number; assignee?: string }
  | { action: 'merge'; by: string; afterHours: number; intoWorkItem: string }
  | { action: 'decline'; by: string; afterHours: number; reason: string };

/** One demo request: who sent it to which team, how long ago, and what happened since. */
export interface DemoRequest {
  team: string;
  requester: string;
  kind?: RequestKind;
  title: string;
  details: string;
  priority?: number;
  /** the inventory item it names */
  system?: string;
  /** hours before the seeding moment */
  hoursAgo: number;
  steps?: DemoStep[];
}

/** The demo's requests: a handful waiting in triage, and one of each triage outcome. */
export function demoRequests(): DemoRequest[] {
  return [
    {
      team: 'Service Desk',
      requester: 'roberto.rossi',
      title: 'Portatile e telefono per il nuovo capoturno di Bergamo',
      details:
        'Il 1° del mese arriva **Marco Galli**, capoturno della linea 3 a Bergamo. Gli servono un portatile con accesso al MES e un telefono aziendale.',
      priority: 2,
      hoursAgo: 30,
      steps: [
        {
          action: 'comment',
          by: 'roberto.rossi',
          afterHours: 2,
          body: 'Aggiungo: lavora anche sul turno di notte, meglio una batteria capiente.',
        },
      ],
    },
    {
      team: 'Applicazioni',
      requester: 'anna.martini',
      title: 'Accesso agli ordini di acquisto SAP per la nuova buyer',
      details:
        'Da lunedì Chiara Moretti lavora con noi agli acquisti: servono le stesse autorizzazioni SAP di Anna (creazione e modifica ordini, niente rilascio).',
      system: 'SAP S/4HANA',
      hoursAgo: 20,
    },
    {
      team: 'Rete',
      requester: 'giorgio.villa',
      kind: 'problem',
      title: 'Wi-Fi instabile nel reparto rettifica di Bergamo',
      details:
        'I terminali dei carrellisti perdono la rete vicino alle rettifiche: le dichiarazioni di produzione partono in ritardo.',
      priority: 2,
      hoursAgo: 6,
    },
    {
      team: 'Sicurezza',
      requester: 'anna.martini',
      kind: 'problem',
      title: 'Email sospetta di un fornitore con IBAN cambiato',
      details:
        'Un fornitore storico ci scrive che ha cambiato banca e chiede di pagare la prossima fattura su un nuovo IBAN. Il mittente sembra giusto ma il tono è strano.',
      priority: 1,
      hoursAgo: 3,
      steps: [
        {
          action: 'comment',
          by: 'valentina.lombardi',
          afterHours: 1,
          body: 'Grazie Anna: non rispondere e non pagare. Inoltra il messaggio come allegato a sicurezza@omrossi.it, lo analizziamo subito.',
        },
      ],
    },
    {
      team: 'Applicazioni',
      requester: 'giorgio.villa',
      title: 'Report degli scarti per turno dal MES',
      details:
        'Ogni lunedì ricostruiamo a mano gli scarti per turno e per linea. Si può avere un report pronto dal MES, anche solo in Excel?',
      priority: 4,
      system: 'Siemens Opcenter Execution',
      hoursAgo: 52,
    },
    {
      team: 'Infrastruttura',
      requester: 'silvia.pellegrini',
      title: 'Cartella condivisa per il nuovo ufficio qualità',
      details:
        "Nasce l'ufficio qualità (4 persone). Serve una cartella condivisa leggibile dalla produzione e modificabile solo da loro.",
      hoursAgo: 96,
      steps: [
        {
          action: 'comment',
          by: 'silvia.pellegrini',
          afterHours: 1,
          body: "I nomi delle quattro persone sono nel ticket HR dell'assunzione; il responsabile è Fabio Ferri.",
        },
        { action: 'accept', by: 'luca.colombo', afterHours: 5, assignee: 'paolo.bruno' },
        {
          action: 'comment',
          by: 'paolo.bruno',
          afterHours: 24,
          body: 'Cartella creata sul nuovo file server. @silvia.pellegrini mi confermi che la produzione deve solo leggere?',
        },
        {
          action: 'comment',
          by: 'silvia.pellegrini',
          afterHours: 26,
          body: 'Confermo, solo lettura. Grazie!',
        },
      ],
    },
    {
      team: 'Rete',
      requester: 'roberto.rossi',
      kind: 'problem',
      title: 'Il Wi-Fi non prende in fondo al magazzino di Bergamo',
      details: 'Nelle ultime due corsie i palmari del magazzino restano senza rete.',
      hoursAgo: 70,
      steps: [
        {
          action: 'merge',
          by: 'davide.marino',
          afterHours: 3,
          intoWorkItem: 'Nuovi access point Wi-Fi magazzino Bergamo',
        },
      ],
    },
    {
      team: 'Service Desk',
      requester: 'silvia.pellegrini',
      title: "Stampante a colori personale per l'ufficio HR",
      details: 'Stampiamo spesso materiale per i colloqui e la multifunzione di piano è lontana.',
      priority: 4,
      hoursAgo: 120,
      steps: [
        {
          action: 'decline',
          by: 'francesca.romano',
          afterHours: 20,
          reason:
            'Non acquistiamo più stampanti personali: abbiamo abilitato il tuo badge sulla multifunzione a colori del secondo piano, con stampa riservata tramite PaperCut.',
        },
      ],
    },
  ];
}

/**
 * Sends the demo's requests and takes their triage steps, unless any request exists (a second
 * `demo --force` adds nothing). Returns the work items the acceptances made.
 */
export async function seedDemoRequests(ctx: AppContext): Promise<number> {
  if (await ctx.db.selectFrom('requests').select('id').executeTakeFirst()) return 0;
  const users = new Map(
    (await ctx.db.selectFrom('users').select(['id', 'email']).execute()).map((user) => [user.email, user.id]),
  );
  const actors = new Map<string, Actor>();
  const actorOf = async (name: string): Promise<Actor | undefined> => {
    const known = actors.get(name);
    if (known) return known;
    const id = users.get(person(name));
    const actor = id === undefined ? null : await loadActor(ctx.db, id, 'token', null);
    if (actor) actors.set(name, actor);
    return actor ?? undefined;
  };
  const teams = new Map(
    (await ctx.db.selectFrom('teams').select(['id', 'name']).execute()).map((team) => [team.name, team.id]),
  );
  const seededAt = ctx.now();
  // The services read the time from the context: each step runs at its own moment in the past.
  const at = (hoursAgo: number): AppContext => ({ ...ctx, now: () => seededAt - hoursAgo * hour });
  let workItems = 0;
  // Oldest first, so that ids follow the order in which things happened.
  for (const request of [...demoRequests()].sort((a, b) => b.hoursAgo - a.hoursAgo)) {
    const requester = await actorOf(request.requester);
    const teamId = teams.get(request.team);
    if (!requester || teamId === undefined) continue;
    const item = request.system
      ? await ctx.db.selectFrom('items').select('id').where('name', '=', request.system).executeTakeFirst()
      : undefined;
    const sent = await submitRequest(at(request.hoursAgo), requester, {
      kind: request.kind ?? 'request',
      title: request.title,
      details: request.details,
      priority: request.priority ?? 3,
      itemId: item?.id ?? null,
      teamId,
    });
    let thread: { entityType: CommentEntityType; entityId: number } = sent.thread;
    for (const step of request.steps ?? []) {
      const actor = await actorOf(step.by);
      if (!actor) continue;
      const when = at(request.hoursAgo - step.afterHours);
      if (step.action === 'comment') {
        await createComment(when, actor, { ...thread, body: step.body });
      } else if (step.action === 'accept') {
        const assigneeId = step.assignee ? (users.get(person(step.assignee)) ?? null) : null;
        const accepted = await acceptRequest(when, actor, sent.id, { assigneeId });
        thread = accepted.thread;
        workItems += 1;
      } else if (step.action === 'merge') {
        const target = await ctx.db
          .selectFrom('workItems')
          .select('id')
          .where('teamId', '=', teamId)
          .where('title', '=', step.intoWorkItem)
          .executeTakeFirst();
        if (target) await mergeRequest(when, actor, sent.id, { targetType: 'workItem', targetId: target.id });
      } else {
        await declineRequest(when, actor, sent.id, { reason: step.reason });
      }
    }
  }
  return workItems;
}
