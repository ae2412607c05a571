import type { z } from 'zod';
import type { NewIncidentInput } from '../../../shared/contracts/incidents';
import type { MaintenanceWindowSpec } from '../../../shared/contracts/maintenance';
import type { NotificationChannelSpec, NotificationRuleSpec } from '../../../shared/contracts/notifications';
import type { StatusPageSpec } from '../../../shared/contracts/status-pages';

// The demo company's operations: a planned maintenance and a weekly one, where alerts go, the status
// page its employees read, and an incident someone is already working on.

const day = 86_400_000;

/** The next Saturday at 22:00 Rome time (21:00 UTC in winter), at least a day from now. */
function nextSaturdayEvening(now: number): string {
  const date = new Date(now + day);
  const daysToSaturday = (6 - date.getUTCDay() + 7) % 7;
  const saturday = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + daysToSaturday, 21, 0, 0),
  );
  return saturday.toISOString();
}

export function demoMaintenanceWindows(now: number): z.input<typeof MaintenanceWindowSpec>[] {
  return [
    {
      title: 'Aggiornamento firmware storage NetApp',
      description:
        'Aggiornamento ONTAP del sistema storage di Brescia: i servizi che usano i datastore VMware possono rallentare.',
      startsAt: nextSaturdayEvening(now),
      durationMinutes: 240,
      items: ['bs-netapp01'],
    },
    {
      title: 'Patch settimanali server Windows',
      description: 'Installazione degli aggiornamenti Microsoft e riavvio dei server applicativi.',
      startsAt: new Date(now - 30 * day).toISOString(),
      durationMinutes: 120,
      recurrence: '0 23 * * 0',
      timezone: 'Europe/Rome',
      items: ['bs-vcenter01'],
    },
  ];
}

export function demoNotificationChannels(): z.input<typeof NotificationChannelSpec>[] {
  return [
    {
      name: 'Email reperibilità ICT',
      language: 'it',
      // The demo's mail server does not exist: disabled until someone points it at a real one.
      isEnabled: false,
      settings: {
        kind: 'email',
        host: 'smtp.officinerossi.example',
        port: 587,
        security: 'starttls',
        username: '',
        from: 'regia@officinerossi.example',
        to: ['reperibilita.ict@officinerossi.example'],
      },
    },
    {
      name: 'Teams – canale Operazioni ICT',
      language: 'it',
      isEnabled: false,
      settings: {
        kind: 'teams',
        webhookUrl: 'https://officinerossi.webhook.office.com/webhookb2/esempio',
      },
    },
  ];
}

export function demoNotificationRules(): z.input<typeof NotificationRuleSpec>[] {
  return [
    {
      name: 'Incidenti critici alla reperibilità',
      events: ['incident.opened', 'incident.acknowledged', 'incident.resolved'],
      maxSeverity: 2,
      channels: ['Email reperibilità ICT', 'Teams – canale Operazioni ICT'],
    },
    {
      name: 'Certificati in scadenza alla Sicurezza',
      events: ['certificate.expiring'],
      channels: ['Email reperibilità ICT'],
    },
    {
      name: 'Manutenzioni ai responsabili',
      events: ['maintenance.scheduled'],
      channels: ['Teams – canale Operazioni ICT'],
    },
  ];
}

export function demoStatusPages(): z.input<typeof StatusPageSpec>[] {
  return [
    {
      slug: 'stato-servizi',
      title: 'Stato dei servizi ICT – Officine Meccaniche Rossi',
      description: 'Lo stato dei servizi informatici per dipendenti, clienti e fornitori.',
      language: 'it',
      published: true,
      services: [
        { item: 'Ordini clienti', displayName: 'Ordini clienti' },
        { item: 'Produzione MES', displayName: 'Produzione (MES)' },
        { item: 'Posta elettronica', displayName: 'Posta elettronica e PEC' },
        { item: 'Fatturazione elettronica', displayName: 'Fatturazione elettronica' },
        { item: 'Collaborazione e documenti', displayName: 'Teams e documenti condivisi' },
        { item: 'Sito web aziendale', displayName: 'Sito web' },
      ],
    },
  ];
}

/** The incident the demo opens by hand; `itemId` is filled in once the items exist. */
export function demoIncident(itemId: number): NewIncidentInput {
  return {
    title: 'Accesso VPN lento per gli utenti in smart working',
    description:
      'Diverse segnalazioni al Service Desk da questa mattina: la VPN si collega ma le cartelle condivise sono lente.',
    itemId,
    publicSummary:
      'Alcuni utenti da remoto possono riscontrare lentezza nell’accesso ai documenti condivisi.',
  };
}

/** The item the demo incident is about. */
export const demoIncidentItem = 'Azure VPN Gateway';
