import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Secrets in definitions (HTTP headers, channel passwords) are stored encrypted with AES-256-GCM.
// The key never lives in the database: it comes from REGIA_SECRET_KEY, or from a key file in the
// data folder made at first start (mode 0600). Replicas on PostgreSQL must share REGIA_SECRET_KEY.

const prefix = 'enc:v1:';

/** Encrypts and decrypts short secrets with one key. */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return prefix + Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith(prefix)) throw new Error('not an encrypted value');
    const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  static isSealed(value: string): boolean {
    return value.startsWith(prefix);
  }
}

/** The key from the environment (base64 or hex of 32 bytes), else the data folder's key file. */
export function loadSecretKey(dataDir: string, fromEnvironment?: string): Buffer {
  if (fromEnvironment) {
    const key = /^[0-9a-f]{64}$/i.test(fromEnvironment)
      ? Buffer.from(fromEnvironment, 'hex')
      : Buffer.from(fromEnvironment, 'base64');
    if (key.length !== 32) throw new Error('REGIA_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
    return key;
  }
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}
