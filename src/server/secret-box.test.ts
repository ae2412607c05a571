import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKey, SecretBox } from './secret-box';

describe('secret box', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.encrypt('Bearer very-secret');
    expect(sealed).not.toContain('very-secret');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(box.decrypt(sealed)).toBe('Bearer very-secret');
  });

  it('refuses a value sealed with another key or tampered with', () => {
    const sealed = new SecretBox(randomBytes(32)).encrypt('x');
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed)).toThrow();
  });

  it('makes a key file once in the data folder and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regia-key-'));
    const first = loadSecretKey(dir);
    expect(loadSecretKey(dir).equals(first)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(dir, 'ab'.repeat(32)).toString('hex')).toBe('ab'.repeat(32));
    fs.rmSync(dir, { recursive: true });
  });
});
