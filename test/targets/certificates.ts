import selfsigned from 'selfsigned';

/** A private key and its certificate, PEM. */
export interface KeyPair {
  key: string;
  cert: string;
}

/** Certificates for TLS tests: a test CA and leaves that are valid, expired, untrusted or for another host. */
export interface TestCertificates {
  /** The test CA; give it to probes as `caPem` so "valid" certificates verify. */
  caPem: string;
  /** For localhost and 127.0.0.1, signed by the CA, valid 90 days from now. */
  valid: KeyPair;
  /** Signed by the CA, expired two days ago. */
  expired: KeyPair;
  /** For localhost, signed by itself: not trusted. */
  selfSigned: KeyPair;
  /** Signed by the CA, for other.example only. */
  wrongHost: KeyPair;
}

const dayMs = 86_400_000;
let cached: Promise<TestCertificates> | undefined;

async function leaf(
  commonName: string,
  ca: KeyPair | null,
  fromDays: number,
  toDays: number,
  altNames?: { type: 2 | 7; value?: string; ip?: string }[],
): Promise<KeyPair> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() + fromDays * dayMs),
    notAfterDate: new Date(Date.now() + toDays * dayMs),
    ...(ca ? { ca: { key: ca.key, cert: ca.cert } } : {}),
    ...(altNames
      ? {
          extensions: [
            { name: 'basicConstraints', cA: false },
            { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
            { name: 'extKeyUsage', serverAuth: true },
            { name: 'subjectAltName', altNames },
          ],
        }
      : {}),
  });
  return { key: pems.private, cert: pems.cert };
}

/** Generates the test certificates once per test process (EC keys: a few hundred milliseconds). */
export function createTestCertificates(): Promise<TestCertificates> {
  cached ??= (async () => {
    const caPems = await selfsigned.generate([{ name: 'commonName', value: 'Regia Test CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - dayMs),
      notAfterDate: new Date(Date.now() + 3650 * dayMs),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const ca = { key: caPems.private, cert: caPems.cert };
    const [valid, expired, selfSigned, wrongHost] = await Promise.all([
      leaf('localhost', ca, -1, 90),
      leaf('localhost', ca, -60, -2),
      leaf('localhost', null, -1, 90),
      leaf('other.example', ca, -1, 90, [{ type: 2, value: 'other.example' }]),
    ]);
    return { caPem: ca.cert, valid, expired, selfSigned, wrongHost };
  })();
  return cached;
}
