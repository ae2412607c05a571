import type {
  Channel,
  ChannelLanguage,
  ChannelSettings,
  Rule,
} from '../../../shared/contracts/notifications';
import type { NotificationEventKind } from '../../../shared/domain/notification-events';
import type { SecretBox } from '../../secret-box';
import { hasChannelSecrets, maskChannelSettings, openChannelSettings } from './channel-secrets';
import type { OpenChannel } from './channel-sender';
import type { ChannelRow, RuleRow } from './notifications.repository';

/** The stored settings (secrets sealed); written only by this feature, so trusted as they are. */
export function storedSettingsOf(row: Pick<ChannelRow, 'settings'>): ChannelSettings {
  return JSON.parse(row.settings) as ChannelSettings;
}

/** A channel as the API shows it, secrets masked. */
export function toChannel(row: ChannelRow): Channel {
  const settings = storedSettingsOf(row);
  return {
    id: row.id,
    name: row.name,
    kind: settings.kind,
    language: row.language as ChannelLanguage,
    isEnabled: row.isEnabled === 1,
    settings: maskChannelSettings(settings),
    hasSecrets: hasChannelSecrets(settings),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A channel ready to send, its secrets opened. */
export function openChannelRow(box: SecretBox, row: ChannelRow): OpenChannel {
  return {
    id: row.id,
    name: row.name,
    language: row.language as ChannelLanguage,
    settings: openChannelSettings(box, storedSettingsOf(row)),
  };
}

function numbers(text: string): number[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((entry): entry is number => typeof entry === 'number') : [];
}

/** A rule as the API shows it. */
export function toRule(row: RuleRow): Rule {
  return {
    id: row.id,
    name: row.name,
    events: JSON.parse(row.events) as NotificationEventKind[],
    teamIds: numbers(row.teamIds),
    maxSeverity: row.maxSeverity,
    channelIds: numbers(row.channelIds),
    isEnabled: row.isEnabled === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
