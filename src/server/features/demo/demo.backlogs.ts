import type { WorkItemType } from '../../../shared/contracts/work-items';

// The demo company's backlogs, as data: seeded by demo.work.ts. Dates are days from the seeding
// day, so that the demo always has work due this week and some already late; people are named by
// the first part of their demo email.

/** One item of a demo backlog; `key` names it for parents and dependencies within the team. */
export interface DemoItem {
  key?: string;
  title: string;
  type?: WorkItemType;
  state: string;
  priority?: number;
  assignee?: string;
  /** days from today */
  start?: number;
  due?: number;
  estimateHours?: number;
  spentHours?: number;
  labels?: string[];
  parent?: string;
  blockedBy?: string[];
  description?: string;
}

/** The demo backlogs by team: projects with their items, some done, some in progress, some late. */
export function demoBacklogs(): Record<string, DemoItem[]> {
  return {
    Infrastruttura: [
      {
        key: 'fs',
        title: 'Migrazione file server su Windows Server 2022',
        type: 'project',
        state: 'In corso',
        assignee: 'luca.colombo',
        start: -30,
        due: 25,
        priority: 2,
        labels: ['migrazione'],
      },
      {
        key: 'fs-copy',
        title: 'Copia dati e permessi NTFS sul nuovo file server',
        state: 'Completato',
        parent: 'fs',
        assignee: 'paolo.bruno',
        start: -28,
        due: -10,
        estimateHours: 16,
        spentHours: 18,
        labels: ['migrazione'],
      },
      {
        key: 'fs-dfs',
        title: 'Aggiornare i namespace DFS',
        state: 'In corso',
        parent: 'fs',
        assignee: 'paolo.bruno',
        start: -5,
        due: 4,
        estimateHours: 6,
        spentHours: 2,
        blockedBy: ['fs-copy'],
        labels: ['migrazione'],
      },
      {
        key: 'fs-switch',
        title: 'Passaggio in produzione e dismissione del vecchio server',
        type: 'change',
        state: 'Da fare',
        parent: 'fs',
        assignee: 'luca.colombo',
        due: 25,
        blockedBy: ['fs-dfs'],
        labels: ['migrazione'],
      },
      {
        title: 'Patch mensili server Windows e Linux',
        type: 'change',
        state: 'In corso',
        assignee: 'stefano.greco',
        start: -3,
        due: -1,
        priority: 2,
        estimateHours: 8,
        spentHours: 5,
        labels: ['patching'],
      },
      {
        title: 'Rinnovo certificato wildcard *.omrossi.it',
        state: 'Da fare',
        assignee: 'stefano.greco',
        due: 6,
        priority: 1,
        labels: ['certificati'],
      },
      {
        title: 'Espansione storage NetApp (shelf aggiuntivo)',
        state: 'In verifica',
        assignee: 'luca.colombo',
        due: 3,
        estimateHours: 12,
        spentHours: 10,
      },
      {
        key: 'dr',
        title: 'Test di ripristino dal sito DR',
        type: 'milestone',
        state: 'Da fare',
        assignee: 'luca.colombo',
        due: 40,
        priority: 1,
        labels: ['dr', 'nis2'],
      },
      {
        title: 'Aggiornare le procedure di ripristino Veeam',
        state: 'Da fare',
        parent: 'dr',
        assignee: 'paolo.bruno',
        due: -4,
        estimateHours: 6,
        labels: ['dr', 'backup'],
      },
      {
        title: 'Aggiornamento vSphere 8 U3 cluster Brescia',
        type: 'change',
        state: 'Da fare',
        assignee: 'stefano.greco',
        start: 10,
        due: 30,
        estimateHours: 16,
      },
      { title: 'Sostituzione UPS sala server Bergamo', state: 'Da fare', due: -12, priority: 2 },
      {
        title: 'Dismissione server fisici obsoleti',
        state: 'Completato',
        assignee: 'paolo.bruno',
        due: -20,
        spentHours: 6,
      },
    ],
    Applicazioni: [
      {
        key: 'sap',
        title: 'Aggiornamento SAP S/4HANA FPS02',
        type: 'project',
        state: 'In sviluppo',
        assignee: 'giulia.ferrari',
        start: -20,
        due: 45,
        priority: 2,
      },
      {
        key: 'sap-sandbox',
        title: 'Copia di sistema sul sandbox',
        state: 'Rilasciato',
        parent: 'sap',
        assignee: 'elena.gallo',
        due: -8,
        spentHours: 10,
      },
      {
        key: 'sap-test',
        title: 'Collaudo funzionale con gli utenti chiave',
        state: 'In collaudo',
        parent: 'sap',
        assignee: 'matteo.conti',
        due: 10,
        blockedBy: ['sap-sandbox'],
      },
      {
        title: 'Go-live aggiornamento SAP',
        type: 'milestone',
        state: 'Backlog',
        parent: 'sap',
        assignee: 'giulia.ferrari',
        due: 45,
        blockedBy: ['sap-test'],
      },
      {
        title: 'Nuovo tracciato XML fatturazione elettronica',
        state: 'In sviluppo',
        assignee: 'sara.costa',
        due: -2,
        priority: 1,
        labels: ['compliance'],
      },
      {
        title: 'Integrazione MES – SAP per i lotti di produzione',
        state: 'Pronto',
        assignee: 'matteo.conti',
        due: 20,
      },
      {
        title: 'Rinnovo certificato del portale fornitori',
        state: 'Backlog',
        assignee: 'elena.gallo',
        due: 9,
        labels: ['certificati'],
      },
      {
        title: 'Aggiornare le tabelle paghe per il nuovo CCNL',
        state: 'In sviluppo',
        assignee: 'sara.costa',
        due: -6,
        priority: 2,
      },
      {
        title: 'Pulizia utenti cessati nel portale HR',
        state: 'Rilasciato',
        assignee: 'elena.gallo',
        due: -15,
      },
    ],
    'Service Desk': [
      {
        title: 'Sostituzione PC fine vita ufficio acquisti (12 postazioni)',
        state: 'In lavorazione',
        assignee: 'andrea.fontana',
        due: 5,
        estimateHours: 24,
        spentHours: 9,
      },
      {
        title: 'Migrazione stampanti al nuovo print server',
        state: 'Da fare',
        assignee: 'chiara.rinaldi',
        due: -3,
        labels: ['migrazione'],
      },
      {
        title: 'Configurare smartphone nuovi agenti commerciali',
        state: 'In lavorazione',
        assignee: 'simone.moretti',
        due: 2,
      },
      {
        title: 'Richiesta monitor aggiuntivo ufficio tecnico',
        type: 'request',
        state: 'Da valutare',
        due: 14,
      },
      {
        title: 'Aggiornare la guida di accesso VPN per i dipendenti',
        state: 'Da fare',
        assignee: 'chiara.rinaldi',
        due: 12,
      },
      {
        title: 'Inventario postazioni stabilimento Bergamo',
        state: 'Risolto',
        assignee: 'andrea.fontana',
        due: -9,
      },
      {
        title: 'Rinnovo licenze Microsoft 365 in scadenza',
        state: 'Da fare',
        assignee: 'francesca.romano',
        due: -1,
        priority: 1,
      },
    ],
    Sicurezza: [
      {
        title: 'Revisione trimestrale degli accessi privilegiati',
        state: 'In corso',
        assignee: 'valentina.lombardi',
        start: -7,
        due: 3,
        priority: 2,
        labels: ['nis2'],
      },
      {
        title: 'Rinnovo certificati VPN e RADIUS',
        state: 'In corso',
        assignee: 'alessandro.ricci',
        due: -5,
        priority: 1,
        labels: ['certificati'],
      },
      {
        title: 'Analisi dei rischi NIS2 per i fornitori critici',
        type: 'project',
        state: 'Da fare',
        // The manager's own work, so that "My work" is not empty for whoever tries the demo.
        assignee: 'admin',
        due: 35,
        labels: ['nis2'],
      },
      { title: 'Campagna di phishing simulato', state: 'Da fare', assignee: 'valentina.lombardi', due: 18 },
      {
        title: 'Regole SIEM per gli accessi fuori orario',
        state: 'Completato',
        assignee: 'valentina.lombardi',
        due: -11,
      },
      {
        title: 'Chiudere le vulnerabilità critiche del report di settembre',
        state: 'Da fare',
        due: -8,
        priority: 1,
      },
    ],
    Rete: [
      {
        key: 'fw',
        title: 'Aggiornamento firmware switch di stabilimento',
        type: 'change',
        state: 'In corso',
        assignee: 'federico.barbieri',
        start: -4,
        due: 2,
        labels: ['firmware'],
      },
      {
        title: 'Nuovi access point Wi-Fi magazzino Bergamo',
        state: 'In corso',
        assignee: 'davide.marino',
        due: -3,
        estimateHours: 10,
        spentHours: 7,
      },
      {
        title: 'Verifica segmentazione rete OT dopo l\u2019aggiornamento',
        state: 'Da fare',
        assignee: 'davide.marino',
        due: 7,
        blockedBy: ['fw'],
        labels: ['ot'],
      },
      {
        title: 'Rinnovo contratto connettività MPLS',
        state: 'Da fare',
        assignee: 'admin',
        due: 2,
        priority: 2,
      },
      {
        title: 'Documentare lo schema VLAN di Brescia',
        state: 'In verifica',
        assignee: 'federico.barbieri',
        due: -7,
      },
      {
        title: 'Sostituzione router sede di Milano',
        state: 'Completato',
        assignee: 'federico.barbieri',
        due: -14,
      },
    ],
  };
}

/**
 * Creates each team's backlog through the work-items service (so every item has its audit record),
 * unless the team already has items: a second `demo --force` adds nothing. Then the requests of
 * demo.requests.ts. Returns the work items made.
 */
