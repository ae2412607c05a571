import type { z } from 'zod';
import {
  type ConfigurationDocumentInput,
  configurationApiVersion,
  type ItemSpec,
  type RelationSpec,
  type TeamSpec,
  type UserSpec,
} from '../../../shared/contracts/configuration';
import { type DemoTargets, demoChecks } from './demo.checks';
import {
  demoMaintenanceWindows,
  demoNotificationChannels,
  demoNotificationRules,
  demoStatusPages,
} from './demo.operations';
import { demoWorkflows, demoWorkRecurrences } from './demo.work';

type Item = z.input<typeof ItemSpec>;
type User = z.input<typeof UserSpec>;
type Team = z.input<typeof TeamSpec>;

// The demo company: Officine Meccaniche Rossi S.p.A., precision machining for the automotive and
// agricultural-machinery industries, ~600 employees, head office and main plant in Brescia, a second
// plant in Bergamo, sales offices in Milano and a disaster-recovery rack in a Milano colocation.
// Dates are relative to the day the demo is seeded, so that some warranties have just ended and some
// end-of-support dates are always coming up.

export const demoCompany = 'Officine Meccaniche Rossi S.p.A.';
export const demoAdminEmail = 'admin@regia.demo';
export const demoPassword = 'regia-demo-2026';

const teams = {
  infra: 'Infrastruttura',
  apps: 'Applicazioni',
  desk: 'Service Desk',
  sec: 'Sicurezza',
  net: 'Rete',
} as const;

const site = {
  bsCed: 'Brescia – Sede, CED piano -1',
  bs: 'Brescia – Sede e stabilimento',
  bg: 'Bergamo – Stabilimento',
  bgCed: 'Bergamo – Stabilimento, sala server',
  mi: 'Milano – Uffici commerciali',
  dr: 'Milano – Colocation Data4 (DR)',
  azure: 'Azure West Europe',
  saas: 'Cloud (SaaS)',
} as const;

function users(): User[] {
  const person = (email: string, name: string, role: User['role']): User => ({
    email: `${email}@regia.demo`,
    name,
    role,
  });
  return [
    { email: demoAdminEmail, name: 'Amministratore Regia', role: 'admin' },
    person('marco.bianchi', 'Marco Bianchi', 'manager'),
    person('luca.colombo', 'Luca Colombo', 'lead'),
    person('giulia.ferrari', 'Giulia Ferrari', 'lead'),
    person('francesca.romano', 'Francesca Romano', 'lead'),
    person('alessandro.ricci', 'Alessandro Ricci', 'lead'),
    person('davide.marino', 'Davide Marino', 'lead'),
    person('stefano.greco', 'Stefano Greco', 'member'),
    person('paolo.bruno', 'Paolo Bruno', 'member'),
    person('elena.gallo', 'Elena Gallo', 'member'),
    person('matteo.conti', 'Matteo Conti', 'member'),
    person('sara.costa', 'Sara Costa', 'member'),
    person('andrea.fontana', 'Andrea Fontana', 'member'),
    person('chiara.rinaldi', 'Chiara Rinaldi', 'member'),
    person('simone.moretti', 'Simone Moretti', 'member'),
    person('valentina.lombardi', 'Valentina Lombardi', 'member'),
    person('federico.barbieri', 'Federico Barbieri', 'member'),
    person('laura.esposito', 'Laura Esposito', 'auditor'),
    person('roberto.rossi', 'Roberto Rossi', 'requester'),
    // Colleagues outside ICT who ask the teams for things (see demo.requests.ts).
    person('anna.martini', 'Anna Martini', 'requester'),
    person('giorgio.villa', 'Giorgio Villa', 'requester'),
    person('silvia.pellegrini', 'Silvia Pellegrini', 'requester'),
  ];
}

function team(name: string, description: string, lead: string, members: string[]): Team {
  return {
    name,
    description,
    members: [
      { email: `${lead}@regia.demo`, lead: true },
      ...members.map((member) => ({ email: `${member}@regia.demo` })),
      { email: 'marco.bianchi@regia.demo' },
    ],
  };
}

function teamList(): Team[] {
  return [
    team(teams.infra, 'Data center, virtualizzazione, storage, backup e server.', 'luca.colombo', [
      'stefano.greco',
      'paolo.bruno',
    ]),
    team(teams.apps, 'ERP SAP, MES, applicazioni di stabilimento, HR e portali.', 'giulia.ferrari', [
      'elena.gallo',
      'matteo.conti',
      'sara.costa',
    ]),
    team(
      teams.desk,
      'Supporto agli utenti, postazioni di lavoro, stampa e telefonia mobile.',
      'francesca.romano',
      ['andrea.fontana', 'chiara.rinaldi', 'simone.moretti'],
    ),
    team(
      teams.sec,
      'Sicurezza informatica, firewall, SIEM, identità e conformità NIS2.',
      'alessandro.ricci',
      ['valentina.lombardi'],
    ),
    team(teams.net, 'Rete LAN/WAN, Wi-Fi, reti di produzione (OT) e connettività.', 'davide.marino', [
      'federico.barbieri',
    ]),
  ];
}

/** Builds the inventory with dates relative to `now`. */
function items(now: number): Item[] {
  const date = (months: number, day = 15) => {
    const d = new Date(now);
    const shifted = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, day));
    return shifted.toISOString().slice(0, 10);
  };
  const euro = (amount: number) => Math.round(amount * 100);
  const list: Item[] = [];
  const add = (item: Item) => list.push(item);

  // Business services: what the company sees.
  const service = (
    name: string,
    criticality: number,
    description: string,
    owner: string = teams.apps,
    tags: string[] = [],
  ) =>
    add({
      kind: 'businessService',
      name,
      criticality,
      description,
      owner,
      environment: 'production',
      tags: ['servizio', ...tags],
    });
  service(
    'Ordini clienti',
    1,
    'Ricezione ordini dai clienti automotive (EDI) e dalla rete commerciale, conferme e spedizioni.',
    teams.apps,
    ['nis2'],
  );
  service(
    'Produzione MES',
    1,
    'Avanzamento produzione, dichiarazioni di linea e fermi macchina nei due stabilimenti.',
    teams.apps,
    ['nis2', 'ot'],
  );
  service('Paghe', 2, 'Elaborazione cedolini mensili per circa 600 dipendenti, F24 e CU.', teams.apps, [
    'gdpr',
  ]);
  service('Posta elettronica', 1, 'Posta aziendale, calendari e PEC.', teams.infra);
  service('Contabilità e bilancio', 2, 'Contabilità generale, cespiti e chiusure di bilancio.');
  service('Acquisti e fornitori', 2, 'Richieste di acquisto, ordini a fornitore e portale fornitori.');
  service(
    'Logistica e magazzino',
    1,
    'Magazzino materie prime, prodotti finiti e ricambi; spedizioni.',
    teams.apps,
    ['nis2'],
  );
  service('Progettazione CAD/PLM', 2, 'Disegni 3D, distinte base e rilascio in produzione.');
  service('Presenze e controllo accessi', 3, 'Timbrature, badge e varchi dei due stabilimenti.', teams.apps, [
    'gdpr',
  ]);
  service(
    'Qualità e tracciabilità lotti',
    2,
    'Controlli qualità, non conformità e tracciabilità richiesta dai clienti automotive (IATF 16949).',
  );
  service('Sito web aziendale', 3, 'Sito istituzionale e pagine prodotto.', teams.apps);
  service('Collaborazione e documenti', 2, 'Teams, SharePoint e cartelle condivise.', teams.infra);
  service('Fatturazione elettronica', 1, 'Fatture attive e passive tramite SDI.', teams.apps, ['compliance']);
  service('Business intelligence', 3, 'Cruscotti di vendite, produzione e margini per la direzione.');

  // Applications.
  const app = (
    name: string,
    criticality: number,
    vendor: string,
    description: string,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'application',
      name,
      criticality,
      vendor,
      description,
      owner: teams.apps,
      environment: 'production',
      location: site.bsCed,
      ...extra,
    });
  app(
    'SAP S/4HANA',
    1,
    'SAP',
    'ERP aziendale: vendite, acquisti, produzione, magazzino, finanza (release 2022).',
    {
      annualCostCents: euro(186_000),
      acquiredOn: date(-40),
      tags: ['sap', 'erp', 'nis2'],
      attributes: { release: '2022 FPS02', clients: '100', sid: 'PRD' },
    },
  );
  app('SAP Solution Manager', 3, 'SAP', 'Monitoraggio e change management del sistema SAP.', {
    tags: ['sap'],
    attributes: { release: '7.2 SP17' },
  });
  app(
    'Siemens Opcenter Execution',
    1,
    'Siemens',
    'MES dei due stabilimenti: ordini di lavoro, dichiarazioni, OEE.',
    {
      annualCostCents: euro(64_000),
      acquiredOn: date(-30),
      tags: ['mes', 'ot', 'nis2'],
      attributes: { version: '2310', lines: 14 },
    },
  );
  app('Zucchetti HR Infinity', 2, 'Zucchetti', 'Paghe e amministrazione del personale.', {
    annualCostCents: euro(28_500),
    tags: ['hr', 'gdpr'],
  });
  app(
    'Zucchetti Presenze',
    3,
    'Zucchetti',
    'Rilevazione presenze (IrisWIN) collegata ai terminali di timbratura.',
    { annualCostCents: euro(6_200), tags: ['hr', 'gdpr'] },
  );
  app(
    'SolidWorks PDM Professional',
    2,
    'Dassault Systèmes',
    "Archivio disegni e distinte base dell'ufficio tecnico.",
    { annualCostCents: euro(9_800), tags: ['cad'] },
  );
  app('Easy WMS', 1, 'Mecalux', 'Gestione magazzino con radiofrequenza, integrato con SAP.', {
    annualCostCents: euro(21_000),
    tags: ['logistica', 'nis2'],
  });
  app('Qlik Sense Enterprise', 3, 'Qlik', 'Cruscotti direzionali su dati SAP e MES.', {
    annualCostCents: euro(14_400),
    tags: ['bi'],
  });
  app(
    'Portale fornitori',
    2,
    'Sviluppo interno',
    'Portale web per ordini, conferme e documenti dei fornitori.',
    { location: site.azure, tags: ['azure', 'internet'] },
  );
  app('Sito web WordPress', 3, 'Agenzia Web Lab Brescia', 'Sito istituzionale multilingua.', {
    location: site.azure,
    tags: ['azure', 'internet'],
  });
  app('Active Directory', 1, 'Microsoft', 'Identità e accessi on-premises, sincronizzato con Entra ID.', {
    owner: teams.infra,
    tags: ['identity', 'nis2'],
    attributes: { domain: 'omr.local', forestLevel: '2016' },
  });
  app(
    'Veeam Backup & Replication',
    1,
    'Veeam',
    'Backup di VM e database, copia immutabile e offsite su Azure.',
    { owner: teams.infra, tags: ['backup', 'nis2'], attributes: { version: '12.2' } },
  );
  app('Zabbix', 2, 'Zabbix', 'Monitoraggio di server, rete e servizi.', {
    owner: teams.infra,
    attributes: { version: '7.0 LTS' },
  });
  app('Wazuh SIEM', 2, 'Wazuh', 'Raccolta log, correlazione eventi e allarmi di sicurezza.', {
    owner: teams.sec,
    tags: ['security', 'nis2'],
  });
  app('PaperCut MF', 4, 'PaperCut', 'Gestione stampe e scansioni con badge.', {
    owner: teams.desk,
    annualCostCents: euro(2_900),
  });
  app('Seeburger EDI', 1, 'Seeburger', 'Scambio EDI (VDA, EDIFACT) con i clienti automotive.', {
    annualCostCents: euro(18_000),
    tags: ['edi', 'nis2'],
  });
  app('FlexLM licenze CAD', 3, 'Flexera', 'Server licenze flottanti SolidWorks.', {
    owner: teams.infra,
    tags: ['cad'],
  });
  app(
    'Condivisioni di rete (DFS)',
    2,
    'Microsoft',
    'Cartelle condivise di reparto replicate tra Brescia e Bergamo.',
    { owner: teams.infra },
  );
  app(
    'QMS Qualità',
    2,
    'Qualitas Software',
    'Non conformità, piani di controllo e certificati per i clienti.',
    { annualCostCents: euro(7_500), tags: ['qualita'] },
  );
  app('Kaba exos', 3, 'dormakaba', 'Controllo accessi e varchi con badge.', {
    owner: teams.sec,
    tags: ['gdpr'],
  });

  // Databases.
  const database = (
    name: string,
    criticality: number,
    vendor: string,
    description: string,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'database',
      name,
      criticality,
      vendor,
      description,
      owner: teams.apps,
      environment: 'production',
      location: site.bsCed,
      ...extra,
    });
  database('SAP HANA PRD', 1, 'SAP', 'Database del sistema SAP di produzione.', {
    tags: ['sap', 'nis2'],
    attributes: { version: '2.0 SPS07', sizeGb: 1400 },
  });
  database('SAP HANA QAS', 3, 'SAP', 'Database del sistema SAP di qualità.', {
    environment: 'staging',
    tags: ['sap'],
    attributes: { version: '2.0 SPS07', sizeGb: 900 },
  });
  database('SQL Server MES', 1, 'Microsoft', 'Database del MES (SQL Server 2019 Standard).', {
    endOfSupport: date(26, 8),
    tags: ['mes', 'ot'],
  });
  database('SQL Server HR', 2, 'Microsoft', 'Database paghe e presenze (SQL Server 2016).', {
    endOfSupport: date(4, 14),
    tags: ['hr', 'gdpr'],
  });
  database('PostgreSQL WMS', 1, 'PostgreSQL', 'Database di Easy WMS (PostgreSQL 13).', {
    endOfSupport: date(-1, 13),
    tags: ['logistica'],
  });
  database('SQL Server BI', 3, 'Microsoft', 'Data mart per Qlik Sense.', { tags: ['bi'] });
  database('SQL Server PDM', 2, 'Microsoft', 'Vault di SolidWorks PDM.', { tags: ['cad'] });
  database('MySQL sito web', 3, 'Microsoft Azure', 'Azure Database for MySQL del sito web.', {
    location: site.azure,
    annualCostCents: euro(1_150),
    tags: ['azure'],
  });

  // Physical servers.
  const server = (
    name: string,
    criticality: number,
    vendor: string,
    description: string,
    location: string,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'server',
      name,
      criticality,
      vendor,
      description,
      owner: teams.infra,
      environment: 'production',
      location,
      ...extra,
    });
  const host = (
    name: string,
    location: string,
    acquiredMonthsAgo: number,
    attributes: Item['attributes'],
    extra: Partial<Item> = {},
  ) =>
    server(name, 1, 'Dell', 'Host VMware ESXi (Dell PowerEdge R750).', location, {
      acquiredOn: date(-acquiredMonthsAgo),
      warrantyEnd: date(60 - acquiredMonthsAgo),
      purchaseCostCents: euro(23_800),
      tags: ['vmware'],
      attributes: { cpu: '2× Xeon Gold 6338', ramGb: 768, hypervisor: 'ESXi 8.0 U2', ...attributes },
      ...extra,
    });
  host('esx-bs-01', site.bsCed, 34, { serial: 'CZJ2341A01' });
  host('esx-bs-02', site.bsCed, 34, { serial: 'CZJ2341A02' });
  host('esx-bs-03', site.bsCed, 34, { serial: 'CZJ2341A03' });
  host('esx-bs-04', site.bsCed, 20, { serial: 'CZJ2473B04' });
  host(
    'esx-bg-01',
    site.bgCed,
    58,
    { serial: 'CZJ1952C01', hypervisor: 'ESXi 7.0 U3' },
    { endOfSupport: date(-2, 2) },
  );
  host(
    'esx-bg-02',
    site.bgCed,
    58,
    { serial: 'CZJ1952C02', hypervisor: 'ESXi 7.0 U3' },
    { endOfSupport: date(-2, 2) },
  );
  host(
    'esx-dr-01',
    site.dr,
    26,
    { serial: 'CZJ2288D01' },
    { environment: 'disasterRecovery', criticality: 2, tags: ['vmware', 'dr'] },
  );
  host(
    'esx-dr-02',
    site.dr,
    26,
    { serial: 'CZJ2288D02' },
    { environment: 'disasterRecovery', criticality: 2, tags: ['vmware', 'dr'] },
  );
  server('bs-hana-prd01', 1, 'Lenovo', 'Appliance certificata SAP HANA (ThinkSystem SR650 V2).', site.bsCed, {
    acquiredOn: date(-40),
    warrantyEnd: date(20),
    purchaseCostCents: euro(61_500),
    tags: ['sap'],
    attributes: { ramGb: 1536, os: 'SLES for SAP 15 SP5' },
  });
  server('bs-veeam01', 1, 'HPE', 'Proxy e server Veeam (ProLiant DL380 Gen10).', site.bsCed, {
    acquiredOn: date(-62),
    warrantyEnd: date(-2),
    purchaseCostCents: euro(9_400),
    tags: ['backup'],
    attributes: { os: 'Windows Server 2019' },
  });
  server(
    'bs-as400',
    2,
    'IBM',
    'IBM Power S914 con IBM i: gestione ricambi storica, da dismettere.',
    site.bsCed,
    {
      acquiredOn: date(-118),
      warrantyEnd: date(-58),
      endOfSupport: date(-10),
      annualCostCents: euro(8_600),
      tags: ['legacy'],
      attributes: { os: 'IBM i 7.3' },
    },
  );
  server('bg-mes-edge01', 2, 'Siemens', 'PC industriale di raccolta dati dalle linee di Bergamo.', site.bg, {
    acquiredOn: date(-28),
    warrantyEnd: date(8),
    tags: ['ot', 'mes'],
    attributes: { model: 'SIMATIC IPC427E' },
  });

  // Virtual machines.
  const vm = (
    name: string,
    criticality: number,
    description: string,
    os: string,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'virtualMachine',
      name,
      criticality,
      description,
      owner: teams.infra,
      environment: 'production',
      location: site.bsCed,
      vendor: 'VMware',
      attributes: { os, vcpu: 4, ramGb: 16 },
      ...extra,
    });
  const bigVm = (vcpu: number, ramGb: number, os: string) => ({ attributes: { os, vcpu, ramGb } });
  vm('bs-vcenter01', 1, 'VMware vCenter Server.', 'Photon OS (VCSA 8.0)', { tags: ['vmware'] });
  vm('bs-sap-prd01', 1, 'SAP application server primario (PAS).', 'SLES 15 SP5', {
    tags: ['sap'],
    ...bigVm(16, 128, 'SLES 15 SP5'),
  });
  vm('bs-sap-prd02', 1, 'SAP application server aggiuntivo (AAS).', 'SLES 15 SP5', {
    tags: ['sap'],
    ...bigVm(16, 128, 'SLES 15 SP5'),
  });
  vm('bs-sap-qas01', 3, 'Sistema SAP di qualità (applicativo e HANA).', 'SLES 15 SP5', {
    environment: 'staging',
    tags: ['sap'],
    ...bigVm(16, 256, 'SLES 15 SP5'),
  });
  vm('bs-solman01', 3, 'SAP Solution Manager.', 'SLES 15 SP4', { tags: ['sap'] });
  vm('bs-mes-app01', 1, 'Server applicativo MES Brescia.', 'Windows Server 2022', { tags: ['mes'] });
  vm('bs-mes-sql01', 1, 'SQL Server del MES.', 'Windows Server 2019', {
    tags: ['mes'],
    ...bigVm(8, 64, 'Windows Server 2019'),
  });
  vm('bg-mes-app01', 1, 'Server applicativo MES Bergamo.', 'Windows Server 2022', {
    location: site.bgCed,
    tags: ['mes'],
  });
  vm('bs-hr-app01', 2, 'Zucchetti HR Infinity.', 'Windows Server 2019', { tags: ['hr'] });
  vm('bs-hr-sql01', 2, 'SQL Server di paghe e presenze.', 'Windows Server 2016', {
    tags: ['hr'],
    endOfSupport: date(10, 12),
  });
  vm('bs-iris01', 3, 'Zucchetti Presenze (IrisWIN).', 'Windows Server 2016', {
    tags: ['hr'],
    endOfSupport: date(10, 12),
  });
  vm('bs-pdm01', 2, 'SolidWorks PDM archive server.', 'Windows Server 2022', { tags: ['cad'] });
  vm('bs-pdm-sql01', 2, 'SQL Server del vault PDM.', 'Windows Server 2022', { tags: ['cad'] });
  vm('bs-wms-app01', 1, 'Easy WMS application server.', 'Windows Server 2019', { tags: ['logistica'] });
  vm('bs-wms-db01', 1, 'PostgreSQL di Easy WMS.', 'Rocky Linux 8', { tags: ['logistica'] });
  vm('bs-qlik01', 3, 'Qlik Sense Enterprise.', 'Windows Server 2022', {
    tags: ['bi'],
    ...bigVm(8, 64, 'Windows Server 2022'),
  });
  vm('bs-bi-sql01', 3, 'SQL Server del data mart.', 'Windows Server 2022', { tags: ['bi'] });
  vm('bs-dc01', 1, 'Domain controller Brescia.', 'Windows Server 2022', { tags: ['identity'] });
  vm('bs-dc02', 1, 'Domain controller Brescia (secondo).', 'Windows Server 2022', { tags: ['identity'] });
  vm('bg-dc01', 1, 'Domain controller Bergamo.', 'Windows Server 2022', {
    location: site.bgCed,
    tags: ['identity'],
  });
  vm('mi-dc01', 2, 'Domain controller sito DR Milano.', 'Windows Server 2022', {
    location: site.dr,
    environment: 'disasterRecovery',
    tags: ['identity', 'dr'],
  });
  vm('bs-fs01', 2, 'File server Brescia (DFS).', 'Windows Server 2022', {
    attributes: { os: 'Windows Server 2022', vcpu: 4, ramGb: 32, dataTb: 14 },
  });
  vm('bg-fs01', 2, 'File server Bergamo (DFS).', 'Windows Server 2022', { location: site.bgCed });
  vm('bs-print01', 4, 'Print server e PaperCut.', 'Windows Server 2019');
  vm('bs-edi01', 1, 'Seeburger Business Integration Server.', 'Rocky Linux 9', { tags: ['edi'] });
  vm('bs-lic01', 3, 'Server licenze FlexLM.', 'Windows Server 2019', { tags: ['cad'] });
  vm('bs-zbx01', 2, 'Zabbix server e database.', 'Debian 12');
  vm('bs-wazuh01', 2, 'Wazuh manager e indexer.', 'Ubuntu 22.04 LTS', {
    owner: teams.sec,
    tags: ['security'],
    ...bigVm(8, 32, 'Ubuntu 22.04 LTS'),
  });
  vm('bs-qms01', 2, 'QMS Qualità.', 'Windows Server 2019', { tags: ['qualita'] });
  vm('bs-kaba01', 3, 'Server controllo accessi Kaba exos.', 'Windows Server 2016', {
    owner: teams.sec,
    endOfSupport: date(10, 12),
  });
  vm(
    'bs-legacy-ax01',
    3,
    'Vecchio Dynamics AX 2009, consultazione storico ordini fino al 2019.',
    'Windows Server 2012 R2',
    {
      endOfSupport: date(-30, 10),
      tags: ['legacy'],
    },
  );
  vm('bs-jump01', 2, 'Jump host per accessi amministrativi e dei fornitori.', 'Windows Server 2022', {
    owner: teams.sec,
    tags: ['security'],
  });
  vm('bs-web-dev01', 4, 'Ambiente di sviluppo del sito web.', 'Ubuntu 22.04 LTS', {
    environment: 'development',
  });
  vm('az-portale-prd01', 2, 'VM Azure del portale fornitori.', 'Ubuntu 22.04 LTS', {
    location: site.azure,
    vendor: 'Microsoft Azure',
    annualCostCents: euro(2_640),
    tags: ['azure'],
  });
  vm('az-web-prd01', 3, 'VM Azure del sito web.', 'Ubuntu 22.04 LTS', {
    location: site.azure,
    vendor: 'Microsoft Azure',
    annualCostCents: euro(1_320),
    tags: ['azure'],
  });

  // Storage.
  const storage = (
    name: string,
    criticality: number,
    vendor: string,
    description: string,
    location: string,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'storage',
      name,
      criticality,
      vendor,
      description,
      owner: teams.infra,
      environment: 'production',
      location,
      ...extra,
    });
  storage('bs-netapp01', 1, 'NetApp', 'NetApp AFF A250, datastore VMware e CIFS di Brescia.', site.bsCed, {
    acquiredOn: date(-33),
    warrantyEnd: date(27),
    purchaseCostCents: euro(78_000),
    annualCostCents: euro(6_900),
    attributes: { capacityTb: 92, ontap: '9.14.1' },
  });
  storage('bg-netapp01', 1, 'NetApp', 'NetApp FAS2750 di Bergamo.', site.bgCed, {
    acquiredOn: date(-59),
    warrantyEnd: date(1, 30),
    purchaseCostCents: euro(41_000),
    annualCostCents: euro(4_200),
    attributes: { capacityTb: 60, ontap: '9.12.1' },
  });
  storage(
    'dr-netapp01',
    2,
    'NetApp',
    'NetApp AFF A150 di disaster recovery (SnapMirror da Brescia).',
    site.dr,
    {
      environment: 'disasterRecovery',
      acquiredOn: date(-26),
      warrantyEnd: date(34),
      purchaseCostCents: euro(39_500),
      tags: ['dr'],
      attributes: { capacityTb: 70 },
    },
  );
  storage(
    'bs-veeam-repo01',
    1,
    'Dell',
    'Repository Linux hardened immutabile per Veeam (PowerEdge R740xd2).',
    site.bsCed,
    {
      acquiredOn: date(-22),
      warrantyEnd: date(38),
      purchaseCostCents: euro(17_900),
      tags: ['backup'],
      attributes: { capacityTb: 240, immutableDays: 30 },
    },
  );
  storage('Libreria nastri LTO-8', 3, 'HPE', 'HPE StoreEver MSL2024, copia mensile fuori sede.', site.bsCed, {
    acquiredOn: date(-84),
    warrantyEnd: date(-24),
    endOfSupport: date(6),
    tags: ['backup', 'legacy'],
  });

  // Network: firewalls, switches, Wi-Fi, connectivity.
  const network = (
    name: string,
    criticality: number,
    vendor: string,
    description: string,
    location: string,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'networkDevice',
      name,
      criticality,
      vendor,
      description,
      owner: teams.net,
      environment: 'production',
      location,
      ...extra,
    });
  const firewall = (
    name: string,
    model: string,
    location: string,
    criticality: number,
    extra: Partial<Item> = {},
  ) =>
    network(name, criticality, 'Fortinet', `Firewall ${model}.`, location, {
      owner: teams.sec,
      acquiredOn: date(-30),
      warrantyEnd: date(30),
      tags: ['firewall', 'nis2'],
      attributes: { model, firmware: 'FortiOS 7.4.5' },
      ...extra,
    });
  firewall('fw-bs-01', 'FortiGate 200F', site.bsCed, 1, { purchaseCostCents: euro(11_200) });
  firewall('fw-bs-02', 'FortiGate 200F', site.bsCed, 1, { purchaseCostCents: euro(11_200) });
  firewall('fw-bg-01', 'FortiGate 100F', site.bgCed, 1, { purchaseCostCents: euro(5_900) });
  firewall('fw-mi-01', 'FortiGate 60F', site.mi, 3, {
    purchaseCostCents: euro(1_400),
    acquiredOn: date(-64),
    warrantyEnd: date(-4),
  });
  firewall('fw-dr-01', 'FortiGate 100F', site.dr, 2, {
    environment: 'disasterRecovery',
    purchaseCostCents: euro(5_900),
    tags: ['firewall', 'dr'],
  });
  network(
    'FortiAnalyzer',
    3,
    'Fortinet',
    'FortiAnalyzer 300G: log dei firewall, conservati 12 mesi.',
    site.bsCed,
    { owner: teams.sec, tags: ['security'] },
  );
  const cisco = (
    name: string,
    criticality: number,
    model: string,
    description: string,
    location: string,
    extra: Partial<Item> = {},
  ) =>
    network(name, criticality, 'Cisco', description, location, {
      acquiredOn: date(-40),
      warrantyEnd: date(20),
      attributes: { model, iosXe: '17.9.5' },
      ...extra,
    });
  cisco('sw-bs-core01', 1, 'Catalyst 9500-24Y4C', 'Core switch Brescia (StackWise Virtual).', site.bsCed, {
    purchaseCostCents: euro(16_400),
  });
  cisco('sw-bs-core02', 1, 'Catalyst 9500-24Y4C', 'Core switch Brescia (StackWise Virtual).', site.bsCed, {
    purchaseCostCents: euro(16_400),
  });
  for (const [index, area] of [
    'uffici piano terra',
    'uffici primo piano',
    'ufficio tecnico',
    'magazzino',
  ].entries()) {
    cisco(`sw-bs-acc0${index + 1}`, 2, 'Catalyst 9300-48P', `Switch di accesso Brescia, ${area}.`, site.bs, {
      purchaseCostCents: euro(6_300),
    });
  }
  cisco('sw-bs-ot01', 1, 'IE-3300-8T2X', 'Switch industriale linee di tornitura, Brescia.', site.bs, {
    tags: ['ot'],
  });
  cisco('sw-bs-ot02', 1, 'IE-3300-8T2X', 'Switch industriale linee di assemblaggio, Brescia.', site.bs, {
    tags: ['ot'],
  });
  cisco('sw-bg-core01', 1, 'Catalyst 9300-24UX', 'Core switch Bergamo.', site.bgCed, {
    acquiredOn: date(-70),
    warrantyEnd: date(-10),
    purchaseCostCents: euro(8_100),
  });
  cisco('sw-bg-acc01', 2, 'Catalyst 9200-48P', 'Switch di accesso Bergamo, uffici.', site.bg, {
    acquiredOn: date(-70),
    warrantyEnd: date(-10),
  });
  cisco('sw-bg-acc02', 2, 'Catalyst 9200-48P', 'Switch di accesso Bergamo, magazzino.', site.bg, {
    acquiredOn: date(-70),
    warrantyEnd: date(-10),
  });
  cisco('sw-bg-ot01', 1, 'IE-3300-8T2X', 'Switch industriale linee di stampaggio, Bergamo.', site.bg, {
    tags: ['ot'],
  });
  cisco('sw-bg-ot02', 1, 'IE-3300-8T2X', 'Switch industriale linee di verniciatura, Bergamo.', site.bg, {
    tags: ['ot'],
  });
  cisco('sw-mi-acc01', 3, 'Catalyst 9200-24P', 'Switch uffici commerciali Milano.', site.mi);
  cisco('sw-dr-01', 2, 'Catalyst 9300-24UX', 'Switch del rack di disaster recovery.', site.dr, {
    environment: 'disasterRecovery',
    tags: ['dr'],
  });
  cisco('wlc-bs-01', 2, 'Catalyst 9800-L', 'Controller Wi-Fi di tutti i siti.', site.bsCed, {
    tags: ['wifi'],
  });
  cisco(
    'Access point Brescia',
    2,
    'Catalyst 9120AX',
    'Access point Wi-Fi di Brescia (uffici, reparti e magazzino).',
    site.bs,
    {
      tags: ['wifi'],
      attributes: { model: 'Catalyst 9120AX', count: 38 },
      purchaseCostCents: euro(26_600),
    },
  );
  cisco('Access point Bergamo', 2, 'Catalyst 9120AX', 'Access point Wi-Fi di Bergamo.', site.bg, {
    tags: ['wifi'],
    attributes: { model: 'Catalyst 9120AX', count: 18 },
  });
  network(
    'Linea Internet Brescia',
    1,
    'TIM',
    'Fibra dedicata 1 Gbps simmetrica con backup FWA 300 Mbps.',
    site.bsCed,
    {
      annualCostCents: euro(9_600),
      tags: ['wan'],
      attributes: { bandwidthMbps: 1000, contract: 'TIM Impresa Fibra Dedicata' },
    },
  );
  network(
    'Linea Internet Bergamo',
    1,
    'Fastweb',
    'Fibra 500 Mbps, tunnel SD-WAN verso Brescia.',
    site.bgCed,
    { annualCostCents: euro(5_400), tags: ['wan'], attributes: { bandwidthMbps: 500 } },
  );
  network('Linea Internet Milano', 3, 'Fastweb', 'FTTH 300 Mbps uffici commerciali.', site.mi, {
    annualCostCents: euro(1_080),
    tags: ['wan'],
    attributes: { bandwidthMbps: 300 },
  });
  network(
    'Linea colocation DR',
    2,
    'Data4',
    'Cross-connect e transito IP 1 Gbps della colocation.',
    site.dr,
    { environment: 'disasterRecovery', annualCostCents: euro(7_200), tags: ['wan', 'dr'] },
  );

  // Azure.
  const cloud = (name: string, criticality: number, description: string, extra: Partial<Item> = {}) =>
    add({
      kind: 'cloudService',
      name,
      criticality,
      description,
      vendor: 'Microsoft Azure',
      owner: teams.infra,
      environment: 'production',
      location: site.azure,
      tags: ['azure'],
      ...extra,
    });
  cloud(
    'Microsoft Entra ID',
    1,
    'Identità cloud, MFA e accesso condizionato; sincronizzato da Active Directory.',
    { owner: teams.sec, tags: ['azure', 'identity', 'nis2'] },
  );
  cloud('Azure Blob offsite backup', 2, 'Copia offsite immutabile dei backup Veeam (Cool tier).', {
    annualCostCents: euro(4_800),
    tags: ['azure', 'backup'],
  });
  cloud('Azure VPN Gateway', 2, 'VPN site-to-site tra Brescia e la rete Azure.', {
    owner: teams.net,
    annualCostCents: euro(1_650),
  });
  cloud('Azure Key Vault', 2, 'Segreti e certificati del portale fornitori.', { owner: teams.sec });
  cloud('Azure Front Door', 3, 'CDN e WAF davanti a sito web e portale fornitori.', {
    owner: teams.sec,
    annualCostCents: euro(3_900),
  });

  // SaaS.
  const saas = (
    name: string,
    criticality: number,
    vendor: string,
    description: string,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'saas',
      name,
      criticality,
      vendor,
      description,
      owner: teams.infra,
      environment: 'production',
      location: site.saas,
      ...extra,
    });
  saas('Microsoft 365', 1, 'Microsoft', 'Exchange Online, Teams, SharePoint e OneDrive.', {
    tags: ['m365', 'nis2'],
  });
  saas('Microsoft Defender for Endpoint', 1, 'Microsoft', 'EDR su PC e server.', {
    owner: teams.sec,
    tags: ['security', 'nis2'],
  });
  saas('Jira Service Management', 2, 'Atlassian', 'Ticketing del Service Desk e richieste degli utenti.', {
    owner: teams.desk,
    annualCostCents: euro(7_900),
  });
  saas('Aruba PEC', 2, 'Aruba', 'Caselle di posta elettronica certificata.', {
    owner: teams.desk,
    annualCostCents: euro(540),
    tags: ['compliance'],
  });
  saas('InfoCert GoSign', 3, 'InfoCert', 'Firma digitale remota per amministrazione e acquisti.', {
    owner: teams.desk,
    annualCostCents: euro(1_200),
    tags: ['compliance'],
  });
  saas(
    'Zucchetti Digital Hub',
    1,
    'Zucchetti',
    'Intermediario SDI per fatture elettroniche e conservazione.',
    { owner: teams.apps, annualCostCents: euro(3_600), tags: ['compliance'] },
  );
  saas('Salesforce Sales Cloud', 2, 'Salesforce', 'CRM della rete commerciale.', {
    owner: teams.apps,
    annualCostCents: euro(39_600),
    tags: ['crm'],
  });
  saas('KnowBe4', 4, 'KnowBe4', 'Formazione e simulazioni di phishing.', {
    owner: teams.sec,
    annualCostCents: euro(4_100),
    tags: ['security', 'nis2'],
  });
  saas('Cloudflare DNS', 3, 'Cloudflare', 'DNS pubblico dei domini aziendali.', {
    owner: teams.net,
    tags: ['internet'],
  });

  // Endpoints, counted by group.
  const endpoints = (
    name: string,
    criticality: number,
    vendor: string,
    description: string,
    location: string,
    count: number,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'endpoint',
      name,
      criticality,
      vendor,
      description,
      owner: teams.desk,
      environment: 'production',
      location,
      attributes: { count },
      ...extra,
    });
  endpoints('PC ufficio Brescia', 3, 'HP', 'HP EliteDesk 800 G6 mini, Windows 11.', site.bs, 170, {
    acquiredOn: date(-36),
    warrantyEnd: date(0, 28),
    tags: ['windows11'],
  });
  endpoints('Notebook Brescia', 3, 'HP', 'HP EliteBook 840 G9, Windows 11.', site.bs, 90, {
    acquiredOn: date(-20),
    warrantyEnd: date(16),
    tags: ['windows11'],
  });
  endpoints('PC ufficio Bergamo', 3, 'HP', 'HP ProDesk 400 G5, Windows 10: da sostituire.', site.bg, 60, {
    acquiredOn: date(-66),
    warrantyEnd: date(-30),
    endOfSupport: date(-13, 14),
    tags: ['windows10', 'legacy'],
  });
  endpoints('Notebook commerciali Milano', 3, 'Lenovo', 'Lenovo ThinkPad T14 Gen 4.', site.mi, 40, {
    acquiredOn: date(-14),
    warrantyEnd: date(22),
  });
  endpoints(
    'Postazioni CAD',
    2,
    'Dell',
    'Workstation Dell Precision 5860 con NVIDIA RTX A4000.',
    site.bs,
    18,
    { acquiredOn: date(-12), warrantyEnd: date(24), tags: ['cad'] },
  );
  endpoints(
    'Thin client produzione Brescia',
    2,
    'IGEL',
    'Thin client di reparto per MES e disegni.',
    site.bs,
    45,
    { tags: ['ot'] },
  );
  endpoints('Pannelli HMI Bergamo', 2, 'Siemens', 'Pannelli operatore SIMATIC sulle linee.', site.bg, 30, {
    tags: ['ot'],
  });
  endpoints('Terminali RF magazzino', 2, 'Zebra', 'Zebra MC3300 per picking e inventario.', site.bs, 40, {
    acquiredOn: date(-50),
    warrantyEnd: date(-2),
    tags: ['logistica'],
  });
  endpoints('Smartphone aziendali', 4, 'Samsung', 'Galaxy A55 gestiti con Intune.', site.bs, 120, {
    annualCostCents: euro(21_600),
  });
  endpoints('Stampanti multifunzione', 4, 'Ricoh', 'Ricoh IM C3000 a noleggio, tutte le sedi.', site.bs, 28, {
    annualCostCents: euro(16_800),
    endOfSupport: date(9, 30),
  });

  // Licences and subscriptions.
  const licence = (
    name: string,
    criticality: number,
    vendor: string,
    description: string,
    seats: number,
    extra: Partial<Item> = {},
  ) =>
    add({
      kind: 'licence',
      name,
      criticality,
      vendor,
      description,
      owner: teams.infra,
      location: site.saas,
      attributes: { seats },
      ...extra,
    });
  licence('Licenze Microsoft 365 E3', 1, 'Microsoft', "Utenti d'ufficio (NCE annuale).", 420, {
    annualCostCents: euro(185_000),
    endOfSupport: date(7, 1),
  });
  licence('Licenze Microsoft 365 F3', 3, 'Microsoft', 'Operatori di produzione (NCE annuale).', 180, {
    annualCostCents: euro(17_300),
    endOfSupport: date(7, 1),
  });
  licence(
    'VMware vSphere Foundation',
    1,
    'Broadcom',
    'Sottoscrizione per 8 host (256 core): rinnovo in scadenza.',
    256,
    { annualCostCents: euro(48_600), endOfSupport: date(2, 28), tags: ['vmware'] },
  );
  licence(
    'Windows Server Datacenter',
    2,
    'Microsoft',
    'Licenze core per gli host (CSP perpetue con Software Assurance).',
    256,
    { purchaseCostCents: euro(71_000) },
  );
  licence(
    'Licenze SAP S/4HANA',
    1,
    'SAP',
    'Utenti Professional e Functional, manutenzione Enterprise Support.',
    120,
    { owner: teams.apps, annualCostCents: euro(96_000), tags: ['sap'] },
  );
  licence('SolidWorks Premium', 2, 'Dassault Systèmes', 'Licenze flottanti con subscription service.', 18, {
    owner: teams.apps,
    annualCostCents: euro(25_900),
    endOfSupport: date(3, 31),
    tags: ['cad'],
  });
  licence('Veeam Universal License', 1, 'Veeam', 'Protezione di VM, server fisici e Microsoft 365.', 80, {
    annualCostCents: euro(11_400),
    endOfSupport: date(1, 20),
    tags: ['backup'],
  });
  licence('FortiCare e UTP', 1, 'Fortinet', 'Supporto e firme di sicurezza dei 5 firewall.', 5, {
    owner: teams.sec,
    annualCostCents: euro(14_900),
    endOfSupport: date(5, 31),
    tags: ['firewall'],
  });
  licence('Qlik Sense Professional', 3, 'Qlik', 'Utenti professional della BI.', 25, {
    owner: teams.apps,
    annualCostCents: euro(11_500),
    tags: ['bi'],
  });
  licence(
    'Red Hat Enterprise Linux',
    3,
    'Red Hat',
    'Sottoscrizioni server (da migrare a Rocky Linux dove possibile).',
    6,
    { annualCostCents: euro(4_700) },
  );
  return list;
}

function relations(): RelationSpec[] {
  const list: RelationSpec[] = [];
  const link =
    (kind: RelationSpec['kind']) =>
    (source: string, ...targets: string[]) => {
      for (const target of targets) list.push({ source, kind, target });
    };
  const dependsOn = link('dependsOn');
  const runsOn = link('runsOn');
  const connectsTo = link('connectsTo');

  // Business services on applications.
  dependsOn('Ordini clienti', 'SAP S/4HANA', 'Seeburger EDI', 'Salesforce Sales Cloud');
  dependsOn('Produzione MES', 'Siemens Opcenter Execution', 'SAP S/4HANA');
  dependsOn('Paghe', 'Zucchetti HR Infinity', 'Zucchetti Presenze');
  dependsOn('Posta elettronica', 'Microsoft 365', 'Aruba PEC');
  dependsOn('Contabilità e bilancio', 'SAP S/4HANA', 'Zucchetti Digital Hub');
  dependsOn('Acquisti e fornitori', 'SAP S/4HANA', 'Portale fornitori', 'InfoCert GoSign');
  dependsOn('Logistica e magazzino', 'Easy WMS', 'SAP S/4HANA', 'bs-as400', 'Terminali RF magazzino');
  dependsOn('Progettazione CAD/PLM', 'SolidWorks PDM Professional', 'FlexLM licenze CAD', 'Postazioni CAD');
  dependsOn('Presenze e controllo accessi', 'Zucchetti Presenze', 'Kaba exos');
  dependsOn('Qualità e tracciabilità lotti', 'QMS Qualità', 'Siemens Opcenter Execution');
  dependsOn('Sito web aziendale', 'Sito web WordPress', 'Cloudflare DNS', 'Azure Front Door');
  dependsOn('Collaborazione e documenti', 'Microsoft 365', 'Condivisioni di rete (DFS)');
  dependsOn('Fatturazione elettronica', 'Zucchetti Digital Hub', 'SAP S/4HANA', 'InfoCert GoSign');
  dependsOn('Business intelligence', 'Qlik Sense Enterprise');

  // Applications on servers, databases and identity.
  runsOn('SAP S/4HANA', 'bs-sap-prd01', 'bs-sap-prd02');
  dependsOn('SAP S/4HANA', 'SAP HANA PRD', 'Active Directory', 'Licenze SAP S/4HANA');
  runsOn('SAP Solution Manager', 'bs-solman01');
  connectsTo('SAP Solution Manager', 'SAP S/4HANA');
  runsOn('Siemens Opcenter Execution', 'bs-mes-app01', 'bg-mes-app01');
  dependsOn('Siemens Opcenter Execution', 'SQL Server MES', 'Active Directory', 'bg-mes-edge01');
  connectsTo('Siemens Opcenter Execution', 'SAP S/4HANA');
  runsOn('Zucchetti HR Infinity', 'bs-hr-app01');
  dependsOn('Zucchetti HR Infinity', 'SQL Server HR');
  runsOn('Zucchetti Presenze', 'bs-iris01');
  dependsOn('Zucchetti Presenze', 'SQL Server HR');
  runsOn('SolidWorks PDM Professional', 'bs-pdm01');
  dependsOn('SolidWorks PDM Professional', 'SQL Server PDM', 'Active Directory');
  runsOn('Easy WMS', 'bs-wms-app01');
  dependsOn('Easy WMS', 'PostgreSQL WMS');
  connectsTo('Easy WMS', 'SAP S/4HANA');
  runsOn('Qlik Sense Enterprise', 'bs-qlik01');
  dependsOn('Qlik Sense Enterprise', 'SQL Server BI', 'Qlik Sense Professional');
  connectsTo('Qlik Sense Enterprise', 'SAP HANA PRD');
  runsOn('Portale fornitori', 'az-portale-prd01');
  dependsOn('Portale fornitori', 'Microsoft Entra ID', 'Azure Key Vault', 'Azure Front Door');
  connectsTo('Portale fornitori', 'SAP S/4HANA');
  runsOn('Sito web WordPress', 'az-web-prd01');
  dependsOn('Sito web WordPress', 'MySQL sito web');
  runsOn('Active Directory', 'bs-dc01', 'bs-dc02', 'bg-dc01', 'mi-dc01');
  connectsTo('Active Directory', 'Microsoft Entra ID');
  runsOn('Veeam Backup & Replication', 'bs-veeam01');
  dependsOn('Veeam Backup & Replication', 'bs-veeam-repo01', 'Veeam Universal License');
  connectsTo(
    'Veeam Backup & Replication',
    'bs-vcenter01',
    'Azure Blob offsite backup',
    'Libreria nastri LTO-8',
  );
  runsOn('Zabbix', 'bs-zbx01');
  runsOn('Wazuh SIEM', 'bs-wazuh01');
  connectsTo('Wazuh SIEM', 'FortiAnalyzer');
  runsOn('PaperCut MF', 'bs-print01');
  connectsTo('PaperCut MF', 'Stampanti multifunzione');
  runsOn('Seeburger EDI', 'bs-edi01');
  connectsTo('Seeburger EDI', 'SAP S/4HANA');
  runsOn('FlexLM licenze CAD', 'bs-lic01');
  dependsOn('FlexLM licenze CAD', 'SolidWorks Premium');
  runsOn('Condivisioni di rete (DFS)', 'bs-fs01', 'bg-fs01');
  dependsOn('Condivisioni di rete (DFS)', 'Active Directory');
  runsOn('QMS Qualità', 'bs-qms01');
  runsOn('Kaba exos', 'bs-kaba01');

  // Databases on their servers.
  runsOn('SAP HANA PRD', 'bs-hana-prd01');
  runsOn('SAP HANA QAS', 'bs-sap-qas01');
  runsOn('SQL Server MES', 'bs-mes-sql01');
  runsOn('SQL Server HR', 'bs-hr-sql01');
  runsOn('PostgreSQL WMS', 'bs-wms-db01');
  runsOn('SQL Server BI', 'bs-bi-sql01');
  runsOn('SQL Server PDM', 'bs-pdm-sql01');

  // Virtual machines on hosts, spread over each site's cluster.
  const brescia = ['esx-bs-01', 'esx-bs-02', 'esx-bs-03', 'esx-bs-04'];
  const bresciaVms = [
    'bs-vcenter01',
    'bs-sap-prd01',
    'bs-sap-prd02',
    'bs-sap-qas01',
    'bs-solman01',
    'bs-mes-app01',
    'bs-mes-sql01',
    'bs-hr-app01',
    'bs-hr-sql01',
    'bs-iris01',
    'bs-pdm01',
    'bs-pdm-sql01',
    'bs-wms-app01',
    'bs-wms-db01',
    'bs-qlik01',
    'bs-bi-sql01',
    'bs-dc01',
    'bs-dc02',
    'bs-fs01',
    'bs-print01',
    'bs-edi01',
    'bs-lic01',
    'bs-zbx01',
    'bs-wazuh01',
    'bs-qms01',
    'bs-kaba01',
    'bs-legacy-ax01',
    'bs-jump01',
    'bs-web-dev01',
  ];
  for (const [index, vm] of bresciaVms.entries()) runsOn(vm, brescia[index % brescia.length] as string);
  runsOn('bg-mes-app01', 'esx-bg-01');
  runsOn('bg-dc01', 'esx-bg-02');
  runsOn('bg-fs01', 'esx-bg-02');
  runsOn('mi-dc01', 'esx-dr-01');
  connectsTo('az-portale-prd01', 'Azure VPN Gateway');
  connectsTo('az-web-prd01', 'Azure Front Door');

  // Hosts on storage and the network; licences they need.
  for (const host of brescia) {
    dependsOn(host, 'bs-netapp01', 'VMware vSphere Foundation', 'Windows Server Datacenter');
    connectsTo(host, 'sw-bs-core01', 'sw-bs-core02');
  }
  for (const host of ['esx-bg-01', 'esx-bg-02']) {
    dependsOn(host, 'bg-netapp01', 'VMware vSphere Foundation', 'Windows Server Datacenter');
    connectsTo(host, 'sw-bg-core01');
  }
  for (const host of ['esx-dr-01', 'esx-dr-02']) {
    dependsOn(host, 'dr-netapp01', 'VMware vSphere Foundation');
    connectsTo(host, 'sw-dr-01');
  }
  connectsTo('bs-hana-prd01', 'sw-bs-core01', 'sw-bs-core02');
  connectsTo('bs-veeam01', 'sw-bs-core01');
  connectsTo('bs-as400', 'sw-bs-core01');
  connectsTo('bg-mes-edge01', 'sw-bg-ot01', 'sw-bg-ot02');
  connectsTo('bs-netapp01', 'sw-bs-core01', 'sw-bs-core02', 'dr-netapp01');
  connectsTo('bg-netapp01', 'sw-bg-core01');
  connectsTo('dr-netapp01', 'sw-dr-01');
  connectsTo('bs-veeam-repo01', 'sw-bs-core02');
  connectsTo('Libreria nastri LTO-8', 'bs-veeam01');

  // The network: access to core to firewall to the Internet; the sites meet over SD-WAN.
  connectsTo('sw-bs-core01', 'fw-bs-01', 'fw-bs-02');
  connectsTo('sw-bs-core02', 'fw-bs-01', 'fw-bs-02');
  for (const access of ['sw-bs-acc01', 'sw-bs-acc02', 'sw-bs-acc03', 'sw-bs-acc04'])
    connectsTo(access, 'sw-bs-core01', 'sw-bs-core02');
  connectsTo('sw-bs-ot01', 'fw-bs-01');
  connectsTo('sw-bs-ot02', 'fw-bs-01');
  for (const access of ['sw-bg-acc01', 'sw-bg-acc02']) connectsTo(access, 'sw-bg-core01');
  connectsTo('sw-bg-ot01', 'fw-bg-01');
  connectsTo('sw-bg-ot02', 'fw-bg-01');
  connectsTo('sw-bg-core01', 'fw-bg-01');
  connectsTo('sw-mi-acc01', 'fw-mi-01');
  connectsTo('sw-dr-01', 'fw-dr-01');
  dependsOn('fw-bs-01', 'Linea Internet Brescia', 'FortiCare e UTP');
  dependsOn('fw-bs-02', 'Linea Internet Brescia', 'FortiCare e UTP');
  dependsOn('fw-bg-01', 'Linea Internet Bergamo', 'FortiCare e UTP');
  dependsOn('fw-mi-01', 'Linea Internet Milano', 'FortiCare e UTP');
  dependsOn('fw-dr-01', 'Linea colocation DR', 'FortiCare e UTP');
  connectsTo('fw-bg-01', 'fw-bs-01');
  connectsTo('fw-mi-01', 'fw-bs-01');
  connectsTo('fw-dr-01', 'fw-bs-01');
  connectsTo('Azure VPN Gateway', 'fw-bs-01');
  connectsTo('FortiAnalyzer', 'sw-bs-core01');
  connectsTo('wlc-bs-01', 'sw-bs-core01');
  connectsTo('Access point Brescia', 'sw-bs-acc01', 'sw-bs-acc04');
  dependsOn('Access point Brescia', 'wlc-bs-01');
  connectsTo('Access point Bergamo', 'sw-bg-acc01', 'sw-bg-acc02');
  dependsOn('Access point Bergamo', 'wlc-bs-01');

  // Endpoints and the cloud.
  connectsTo('PC ufficio Brescia', 'sw-bs-acc01', 'sw-bs-acc02');
  connectsTo('Notebook Brescia', 'Access point Brescia');
  connectsTo('PC ufficio Bergamo', 'sw-bg-acc01');
  connectsTo('Notebook commerciali Milano', 'sw-mi-acc01');
  connectsTo('Postazioni CAD', 'sw-bs-acc03');
  connectsTo('Thin client produzione Brescia', 'sw-bs-ot01', 'sw-bs-ot02');
  connectsTo('Pannelli HMI Bergamo', 'sw-bg-ot01', 'sw-bg-ot02');
  dependsOn('Terminali RF magazzino', 'Access point Brescia', 'Easy WMS');
  dependsOn('Smartphone aziendali', 'Microsoft Entra ID', 'Microsoft 365');
  connectsTo('Stampanti multifunzione', 'sw-bs-acc04');
  dependsOn('Microsoft 365', 'Microsoft Entra ID', 'Licenze Microsoft 365 E3', 'Licenze Microsoft 365 F3');
  dependsOn('Microsoft Defender for Endpoint', 'Microsoft Entra ID');
  dependsOn('Jira Service Management', 'Microsoft Entra ID');
  dependsOn('Salesforce Sales Cloud', 'Microsoft Entra ID');
  dependsOn('KnowBe4', 'Microsoft 365');
  return list;
}

/**
 * The demo as a configuration document: applied like `regia apply`, so every change is audited. The
 * live checks reach the demo targets of the Regia at `targets` (this server, port 8080 by default).
 */
export function buildDemoDocument(
  now: number,
  targets: DemoTargets = { host: '127.0.0.1', port: 8080 },
): ConfigurationDocumentInput {
  return {
    apiVersion: configurationApiVersion,
    users: users(),
    teams: teamList(),
    items: items(now),
    relations: relations(),
    checks: demoChecks(targets),
    maintenanceWindows: demoMaintenanceWindows(now),
    notificationChannels: demoNotificationChannels(),
    notificationRules: demoNotificationRules(),
    statusPages: demoStatusPages(),
    workflows: demoWorkflows(),
    workRecurrences: demoWorkRecurrences(),
  };
}
