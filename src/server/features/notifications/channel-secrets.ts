import { type ChannelSettings, maskedSecret } from '../../../shared/contracts/notifications';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { SecretBox } from '../../secret-box';

// The secrets of each kind of channel: passwords, signing secrets, bot tokens, extra header values,
// and the Slack and Teams webhook URLs (whoever has the URL can post). All are sealed at rest with
// the context's SecretBox, masked in every answer, and opened only to send.

type Transform = (value: string, field: string) => string;

/** Applies `transform` to every secret field of the settings; other fields are copied. */
function mapSecrets(settings: ChannelSettings, transform: Transform): ChannelSettings {
  switch (settings.kind) {
    case 'email':
      return { ...settings, password: transform(settings.password, 'password') };
    case 'webhook':
      return {
        ...settings,
        signingSecret: transform(settings.signingSecret, 'signingSecret'),
        headers: Object.fromEntries(
          Object.entries(settings.headers).map(([name, value]) => [
            name,
            transform(value, `headers.${name}`),
          ]),
        ),
      };
    case 'slack':
    case 'teams':
      return { ...settings, webhookUrl: transform(settings.webhookUrl, 'webhookUrl') };
    case 'telegram':
      return { ...settings, botToken: transform(settings.botToken, 'botToken') };
  }
}

/** The secret values of stored settings by field, still sealed. */
function secretsOf(settings: ChannelSettings | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (settings) {
    mapSecrets(settings, (value, field) => {
      found.set(field, value);
      return value;
    });
  }
  return found;
}

/**
 * Settings as stored: every secret encrypted. A field sent as "********" keeps the value stored in
 * `previous` (same field, same kind); with nothing stored to keep, the request is refused.
 */
export function sealChannelSettings(
  box: SecretBox,
  settings: ChannelSettings,
  previous?: ChannelSettings,
): ChannelSettings {
  const stored = secretsOf(previous?.kind === settings.kind ? previous : undefined);
  return mapSecrets(settings, (value, field) => {
    if (value === maskedSecret) {
      const kept = stored.get(field);
      if (kept === undefined || kept === '') {
        throw appError('validation_failed', phrase('notifications.noStoredSecret'), [
          { path: `body.settings.${field}`, message: phrase('notifications.issueGiveSecret') },
        ]);
      }
      return kept;
    }
    if (value === '') return '';
    return box.encrypt(value);
  });
}

/** Settings as a sender needs them: secrets decrypted. Only in memory, never logged. */
export function openChannelSettings(box: SecretBox, settings: ChannelSettings): ChannelSettings {
  return mapSecrets(settings, (value) => (SecretBox.isSealed(value) ? box.decrypt(value) : value));
}

/** Settings as the API shows them: a set secret as "********", an unset one as "". */
export function maskChannelSettings(settings: ChannelSettings): ChannelSettings {
  return mapSecrets(settings, (value) => (value === '' ? '' : maskedSecret));
}

/** True when any secret field holds a value. */
export function hasChannelSecrets(settings: ChannelSettings): boolean {
  return [...secretsOf(settings).values()].some((value) => value !== '');
}
