import type { CheckSettings } from '../../../shared/contracts/check-kinds';
import { SecretBox } from '../../secret-box';

/** What the API shows instead of a secret value. */
export const maskedSecret = '********';

// Header values carry credentials (Authorization, API keys): all of them are sealed at rest,
// whatever their name, rather than guessing which names are secret.

/** Settings as stored: header values encrypted. `previous` supplies values the client left masked. */
export function sealSettings(
  box: SecretBox,
  settings: CheckSettings,
  previous?: CheckSettings,
): CheckSettings {
  if (settings.kind !== 'http' || !settings.headers) return settings;
  const previousHeaders = previous?.kind === 'http' ? (previous.headers ?? {}) : {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings.headers)) {
    if (value === maskedSecret) {
      const kept = previousHeaders[name];
      if (kept !== undefined) headers[name] = kept;
      continue;
    }
    headers[name] = SecretBox.isSealed(value) ? value : box.encrypt(value);
  }
  return { ...settings, headers };
}

/** Settings as a probe needs them: header values decrypted. */
export function openSettings(box: SecretBox, settings: CheckSettings): CheckSettings {
  if (settings.kind !== 'http' || !settings.headers) return settings;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings.headers)) {
    headers[name] = SecretBox.isSealed(value) ? box.decrypt(value) : value;
  }
  return { ...settings, headers };
}

/** Settings as the API shows them: header values masked. */
export function maskSettings(settings: CheckSettings): CheckSettings {
  if (settings.kind !== 'http' || !settings.headers) return settings;
  const headers: Record<string, string> = {};
  for (const name of Object.keys(settings.headers)) headers[name] = maskedSecret;
  return { ...settings, headers };
}
