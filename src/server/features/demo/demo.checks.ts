import type { z } from 'zod';
import type { CheckSpec } from '../../../shared/contracts/configuration';
import type { Config } from '../../config';
import { demoTargetsPath } from '../demo-targets/demo-targets.routes';

type Check = z.input<typeof CheckSpec>;

// The demo's checks. The company's real hosts do not exist on a new machine, so their checks are
// created paused, as examples of each kind ("(esempio)" in the name: a check has no description).
// Beside them, live checks that run anywhere: HTTP checks on the targets this Regia serves itself
// under /demo-targets (healthy, slow, flaky, down, JSON health), a TCP check of its own port and a
// heartbeat that waits for a beat from the command the demo prints.

/** Where the live checks find this Regia: the address it listens on, as seen from itself. */
export interface DemoTargets {
  host: string;
  port: number;
}

/** Regia as the live checks reach it: 127.0.0.1 when it listens on every address, else its own address. */
export function demoTargetsOf(config: Pick<Config, 'host' | 'port'>): DemoTargets {
  const everyAddress = ['', '0.0.0.0', '::'];
  return {
    host: everyAddress.includes(config.host) ? '127.0.0.1' : config.host,
    // Port 0 (a random port, in tests) cannot be known in advance: the default then.
    port: config.port || 8080,
  };
}

/** The root of the demo targets, e.g. `http://127.0.0.1:8080/demo-targets`. */
export function demoTargetsUrl(targets: DemoTargets): string {
  const host = targets.host.includes(':') ? `[${targets.host}]` : targets.host;
  return `http://${host}:${targets.port}${demoTargetsPath}`;
}

/** The heartbeat check whose push URL the demo prints. */
export const demoHeartbeatCheck = 'Backup notturno NAS';

/** Marks the paused examples on the company's real hosts. */
export const demoExampleSuffix = ' (esempio)';

export function demoChecks(targets: DemoTargets): Check[] {
  const target = (path: string) => `${demoTargetsUrl(targets)}/${path}`;
  const example = (check: Check): Check => ({
    ...check,
    name: `${check.name}${demoExampleSuffix}`,
    isPaused: true,
  });

  const live: Check[] = [
    {
      name: 'Portale fornitori – pagina di accesso',
      item: 'Portale fornitori',
      intervalSeconds: 30,
      settings: { kind: 'http', url: target('ok'), keyword: 'ok' },
    },
    {
      name: 'Intranet – home page',
      item: 'Collaborazione e documenti',
      intervalSeconds: 60,
      degradedAboveMs: 1000,
      settings: { kind: 'http', url: target('slow') },
    },
    {
      name: 'Ordini clienti – API',
      item: 'Ordini clienti',
      intervalSeconds: 30,
      retries: 1,
      settings: { kind: 'http', url: target('flaky'), expectedStatus: [200] },
    },
    {
      name: 'Magazzino WMS – servizio web',
      item: 'Easy WMS',
      intervalSeconds: 60,
      settings: { kind: 'http', url: target('down') },
    },
    {
      name: 'Produzione MES – health',
      item: 'Produzione MES',
      intervalSeconds: 30,
      settings: { kind: 'http', url: target('json'), jsonPath: { path: '$.db', equals: 'up' } },
    },
    {
      name: 'Regia – porta web',
      owner: 'Infrastruttura',
      intervalSeconds: 60,
      settings: { kind: 'tcp', host: targets.host, port: targets.port },
    },
    {
      name: demoHeartbeatCheck,
      item: 'Veeam Backup & Replication',
      // The nightly job calls the push URL when it ends; two hours late is still on time.
      intervalSeconds: 86_400,
      settings: { kind: 'heartbeat', graceSeconds: 7_200 },
    },
  ];

  const examples = (
    [
      {
        name: 'SAP Fiori – HTTPS',
        item: 'SAP S/4HANA',
        settings: {
          kind: 'http',
          url: 'https://erp.rossi-meccanica.it/sap/bc/ui2/flp',
          keyword: 'SAP Fiori',
          maxLatencyMs: 5000,
        },
        retries: 2,
      },
      {
        name: 'Portale fornitori – HTTPS',
        item: 'Portale fornitori',
        settings: { kind: 'http', url: 'https://fornitori.rossi-meccanica.it/login', expectedStatus: [200] },
        degradedAboveMs: 1500,
      },
      {
        name: 'Sito web – HTTPS',
        item: 'Sito web WordPress',
        intervalSeconds: 300,
        settings: {
          kind: 'http',
          url: 'https://www.rossi-meccanica.it/',
          keyword: 'Officine Meccaniche Rossi',
        },
      },
      {
        name: 'Jira Service Management – API',
        item: 'Jira Service Management',
        intervalSeconds: 300,
        settings: {
          kind: 'http',
          url: 'https://rossi-meccanica.atlassian.net/rest/api/3/serverInfo',
          // A secret: stored encrypted, shown as ******** by the API and by `regia export`.
          headers: {
            Authorization: 'Basic ZXNlbXBpb0Byb3NzaS1tZWNjYW5pY2EuaXQ6bm9uLXVuYS12ZXJhLWNoaWF2ZQ==',
          },
          jsonPath: { path: '$.deploymentType', equals: 'Cloud' },
        },
      },
      {
        name: 'Certificato sito web',
        item: 'Sito web WordPress',
        intervalSeconds: 3600,
        settings: { kind: 'tls', host: 'www.rossi-meccanica.it', warningDays: 21, criticalDays: 7 },
      },
      {
        name: 'Certificato portale fornitori',
        item: 'Portale fornitori',
        intervalSeconds: 3600,
        settings: {
          kind: 'tls',
          host: 'fornitori.rossi-meccanica.it',
          warningDays: 30,
          criticalDays: 10,
          minProtocol: 'TLSv1.2',
        },
      },
      {
        name: 'DNS – posta in arrivo (MX)',
        item: 'Posta elettronica',
        intervalSeconds: 300,
        settings: {
          kind: 'dns',
          name: 'rossi-meccanica.it',
          recordType: 'MX',
          expectedValues: ['0 rossimeccanica-it.mail.protection.outlook.com'],
          resolver: '1.1.1.1',
        },
      },
      {
        name: 'DNS – sito web',
        item: 'Cloudflare DNS',
        intervalSeconds: 300,
        settings: { kind: 'dns', name: 'www.rossi-meccanica.it', recordType: 'CNAME' },
      },
      {
        name: 'DNS interno – SAP',
        item: 'Active Directory',
        settings: {
          kind: 'dns',
          name: 'bs-sap-prd01.omr.local',
          expectedValues: ['10.10.20.11'],
          resolver: '10.10.1.10',
        },
      },
      {
        name: 'Core switch Brescia 1 – ping',
        item: 'sw-bs-core01',
        intervalSeconds: 30,
        settings: { kind: 'ping', host: '10.10.0.2', count: 3, maxLossPercent: 34 },
      },
      {
        name: 'Core switch Brescia 2 – ping',
        item: 'sw-bs-core02',
        intervalSeconds: 30,
        settings: { kind: 'ping', host: '10.10.0.3', count: 3, maxLossPercent: 34 },
      },
      {
        name: 'Core switch Bergamo – ping',
        item: 'sw-bg-core01',
        intervalSeconds: 30,
        settings: { kind: 'ping', host: '10.20.0.2', count: 3, maxLossPercent: 34 },
      },
      {
        name: 'SAP HANA PRD – porta SQL',
        item: 'SAP HANA PRD',
        settings: { kind: 'tcp', host: 'bs-hana-prd01.omr.local', port: 30015 },
      },
      {
        name: 'SQL Server MES – porta 1433',
        item: 'SQL Server MES',
        settings: { kind: 'tcp', host: 'bs-mes-sql01.omr.local', port: 1433 },
        retries: 1,
      },
    ] satisfies Check[]
  ).map(example);

  return [...live, ...examples];
}
