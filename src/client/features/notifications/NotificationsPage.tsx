import { Tabs, Text } from '@mantine/core';
import { IconBell, IconList, IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ChannelsTab } from './ChannelsTab';
import { DeliveriesTab } from './DeliveriesTab';
import { RulesTab } from './RulesTab';

const tabs = ['channels', 'rules', 'deliveries'] as const;
type Tab = (typeof tabs)[number];

/** Notifications: channels, rules and the delivery log, one tab each (the tab is kept in the URL). */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = tabs.includes(asked as Tab) ? (asked as Tab) : 'channels';

  return (
    <>
      <PageHeader title={t('notifications.title')} />
      <Text size="sm" c="dimmed" mb="md">
        {t('notifications.intro')}
      </Text>
      <Tabs
        value={tab}
        onChange={(value) =>
          setParams(value && value !== 'channels' ? { tab: value } : {}, { replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="channels" leftSection={<IconBell size={14} />} data-testid="tab-channels">
            {t('notifications.tabs.channels')}
          </Tabs.Tab>
          <Tabs.Tab value="rules" leftSection={<IconRoute size={14} />} data-testid="tab-rules">
            {t('notifications.tabs.rules')}
          </Tabs.Tab>
          <Tabs.Tab value="deliveries" leftSection={<IconList size={14} />} data-testid="tab-deliveries">
            {t('notifications.tabs.deliveries')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="channels">
          <ChannelsTab />
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <RulesTab />
        </Tabs.Panel>
        <Tabs.Panel value="deliveries">
          <DeliveriesTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
