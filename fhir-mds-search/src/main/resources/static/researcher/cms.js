// The researcher's key, and opening the sites' sealed answers with it.
// Results of a decentralized search are sealed by the site for a certificate named in the
// request (CMS AuthEnvelopedData, AES-256-GCM, key wrapped with RSA-OAEP-SHA256, around a CMS
// SignedData of the site). The key pair is made here with WebCrypto and kept in IndexedDB; it
// leaves the browser only as the researcher's key file (issue 23 finding 2: the key lives with the
// researcher, not with one browser): its private keys encrypted with AES-256-GCM under a key
// derived from a passphrase (PBKDF2-HMAC-SHA-256, 600 000 iterations, random salt), imported into
// any other browser with the same passphrase. Neither the broker nor the central search ever sees
// a private key, so neither can open an answer.
window.researcherKeys = (() => {
  const DB = 'ccp-researcher', STORE = 'keys';
  const t = (key, params) => ccpI18n.t(key, params);
  const FILE_FORMAT = 'ccp-researcher-key/1';
  const ITERATIONS = 600000;
  const text = s => new TextEncoder().encode(s);
  const OID = {
    rsaEncryption: '1.2.840.113549.1.1.1', sha256WithRSA: '1.2.840.113549.1.1.11',
    commonName: '2.5.4.3', authEnvelopedData: '1.2.840.113549.1.9.16.1.23',
    signedData: '1.2.840.113549.1.7.2', messageDigest: '1.2.840.113549.1.9.4'
  };

  // ---- DER writing (only what a self-signed certificate needs)
  const concat = parts => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    parts.forEach(p => { out.set(p, at); at += p.length; });
    return out;
  };
  function tlv(tag, content) {
    const n = content.length;
    const len = n < 128 ? [n] : n < 256 ? [0x81, n] : n < 65536 ? [0x82, n >> 8, n & 255]
      : [0x83, n >> 16, (n >> 8) & 255, n & 255];
    return concat([Uint8Array.of(tag, ...len), content]);
  }
  const seq = (...items) => tlv(0x30, concat(items));
  const set = (...items) => tlv(0x31, concat(items));
  function oid(text) {
    const n = text.split('.').map(Number);
    const bytes = [40 * n[0] + n[1]];
    n.slice(2).forEach(v => {
      const chunk = [v & 127];
      for (v = Math.floor(v / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 127) | 128);
      bytes.push(...chunk);
    });
    return tlv(0x06, Uint8Array.from(bytes));
  }
  const utf8 = s => tlv(0x0c, new TextEncoder().encode(s));
  const time = d => tlv(0x17, new TextEncoder().encode(
    d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
  const name = cn => seq(set(seq(oid(OID.commonName), utf8(cn))));
  const sha256WithRsa = seq(oid(OID.sha256WithRSA), Uint8Array.of(5, 0));

  // ---- DER reading
  function read(buf, at = 0) {
    let len = buf[at + 1], head = 2;
    if (len & 128) {
      const n = len & 127;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i];
      head += n;
    }
    const start = at + head, end = start + len;
    return { buf, tag: buf[at], start, end, bytes: buf.subarray(start, end),
      whole: buf.subarray(at, end) };
  }
  function children(node) {
    const out = [];
    for (let at = node.start; at < node.end;) {
      const child = read(node.buf, at);
      out.push(child);
      at = child.end;
    }
    return out;
  }
  function oidText(node) {
    const b = node.bytes, parts = [Math.floor(b[0] / 40), b[0] % 40];
    let v = 0;
    for (let i = 1; i < b.length; i++) {
      v = v * 128 + (b[i] & 127);
      if (!(b[i] & 128)) { parts.push(v); v = 0; }
    }
    return parts.join('.');
  }
  const retag = (node, tag) => concat([Uint8Array.of(tag), node.whole.subarray(1)]);
  const hex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  const b64 = bytes => btoa(String.fromCharCode(...bytes));
  const unb64 = text => Uint8Array.from(atob(text), c => c.charCodeAt(0));

  // ---- key store
  function db() {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }
  async function stored(mode, action) {
    const store = (await db()).transaction(STORE, mode).objectStore(STORE);
    return new Promise((resolve, reject) => {
      const request = action(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  // the subject key identifier the sites address the envelope to: SHA-1 of the public key bits
  async function keyId(spki) {
    const bits = children(read(spki))[1];
    return hex(new Uint8Array(await crypto.subtle.digest('SHA-1', bits.bytes.subarray(1))));
  }

  // The certificate a request names (DER), made once per user and browser.
  async function certificate(user) {
    const saved = await stored('readonly', s => s.get('user:' + user));
    if (saved && saved.notAfter > Date.now() + 86400000) return saved.certificate;
    const pair = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 3072,
      publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
    const signer = await crypto.subtle.importKey('pkcs8', pkcs8,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    // extractable: only for the passphrase-protected key file (exportKeys)
    const decrypter = await crypto.subtle.importKey('pkcs8', pkcs8,
      { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['decrypt']);
    const now = new Date(), until = new Date(now.getTime() + 365 * 86400000);
    const serial = crypto.getRandomValues(new Uint8Array(16));
    serial[0] = (serial[0] & 0x7f) | 1; // positive, minimal DER integer
    const subject = name('researcher ' + user);
    const tbs = seq(tlv(0xa0, tlv(0x02, Uint8Array.of(2))), tlv(0x02, serial), sha256WithRsa,
      subject, seq(time(new Date(now.getTime() - 3600000)), time(until)), subject, spki);
    const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', signer, tbs));
    const der = seq(tbs, sha256WithRsa, tlv(0x03, concat([Uint8Array.of(0), signature])));
    const id = await keyId(spki);
    await stored('readwrite', s => s.put(decrypter, 'key:' + id));
    // the keys of earlier certificates stay: they open the answers to earlier searches
    await stored('readwrite', s => s.put({ certificate: b64(der), notAfter: until.getTime(),
      keyIds: ((saved && saved.keyIds) || []).concat(id) }, 'user:' + user));
    return b64(der);
  }

  // the SubjectPublicKeyInfo of a certificate (DER)
  function spkiOf(der) {
    const tbs = children(children(read(der))[0]);
    return tbs[(tbs[0].tag === 0xa0 ? 1 : 0) + 5].whole;
  }

  // ---- the key file
  async function passphraseKey(passphrase, salt, iterations, usage) {
    const base = await crypto.subtle.importKey('raw', text(passphrase), 'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base,
      { name: 'AES-GCM', length: 256 }, false, usage);
  }

  // The user's private keys (every certificate's) and current certificate as the text of a key
  // file, encrypted under the passphrase.
  async function exportKeys(user, passphrase) {
    const saved = await stored('readonly', s => s.get('user:' + user));
    if (!saved) throw new Error(t('keys.none'));
    const ids = saved.keyIds || [await keyId(spkiOf(unb64(saved.certificate)))];
    const keys = [];
    for (const id of ids) {
      const key = await stored('readonly', s => s.get('key:' + id));
      if (!key) continue;
      if (!key.extractable) throw new Error(t('keys.notExportable'));
      keys.push({ id, pkcs8: b64(new Uint8Array(await crypto.subtle.exportKey('pkcs8', key))) });
    }
    if (!keys.length) throw new Error(t('keys.none'));
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const aes = await passphraseKey(passphrase, salt, ITERATIONS, ['encrypt']);
    const content = text(JSON.stringify({ user, certificate: saved.certificate,
      notAfter: saved.notAfter, keys }));
    const sealed = new Uint8Array(await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: text(FILE_FORMAT) }, aes, content));
    return JSON.stringify({ format: FILE_FORMAT, user, kdf: 'PBKDF2-HMAC-SHA-256',
      iterations: ITERATIONS, salt: b64(salt), iv: b64(iv), data: b64(sealed) }, null, 1);
  }

  // Takes the keys of a key file into this browser for the logged-in user: { keys } imported.
  // Nothing is stored unless the passphrase opens the file and the file is this user's.
  async function importKeys(user, fileText, passphrase) {
    let file = null;
    try { file = JSON.parse(fileText); } catch (e) { /* below */ }
    if (!file || file.format !== FILE_FORMAT || typeof file.data !== 'string') {
      throw new Error(t('keys.notAFile'));
    }
    // a file cannot make this browser spin for minutes, nor be weaker than the export makes it
    const iterations = Number(file.iterations);
    if (!(iterations >= 100000 && iterations <= 10000000)) throw new Error(t('keys.notAFile'));
    const aes = await passphraseKey(passphrase, unb64(file.salt), iterations, ['decrypt']);
    let content;
    try {
      content = JSON.parse(new TextDecoder().decode(await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: unb64(file.iv), additionalData: text(FILE_FORMAT) }, aes,
        unb64(file.data))));
    } catch (e) {
      throw new Error(t('keys.wrongPassphrase'));
    }
    if (content.user !== user) throw new Error(t('keys.otherUser', { user: content.user }));
    const imported = [];
    for (const k of content.keys || []) {
      imported.push([k.id, await crypto.subtle.importKey('pkcs8', unb64(k.pkcs8),
        { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['decrypt'])]);
    }
    for (const [id, key] of imported) await stored('readwrite', s => s.put(key, 'key:' + id));
    // new searches from here name the file's certificate, so one key file opens all answers
    const saved = await stored('readonly', s => s.get('user:' + user));
    const ids = new Set(((saved && saved.keyIds) || []).concat(imported.map(([id]) => id)));
    await stored('readwrite', s => s.put({ certificate: content.certificate,
      notAfter: content.notAfter, keyIds: Array.from(ids) }, 'user:' + user));
    return { keys: imported.length };
  }

  // Opens a released result (base64 of the envelope): { payload, signer, signatureValid }.
  async function open(envelopeB64) {
    const info = children(read(unb64(envelopeB64)));
    if (oidText(info[0]) !== OID.authEnvelopedData) throw new Error(ccpI18n.t('keys.notEnvelope'));
    const env = children(children(info[1])[0]);
    const recipients = children(env[1]);
    const encrypted = children(env[2]);
    const authAttrs = env[3], mac = env[4];
    let key = null, wrapped = null;
    for (const r of recipients) {
      const parts = children(r);
      const id = hex(parts[1].bytes);
      key = await stored('readonly', s => s.get('key:' + id));
      if (key) { wrapped = parts[3].bytes; break; }
    }
    if (!key) throw new Error(ccpI18n.t('keys.notHere'));
    const raw = await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, key, wrapped);
    const aes = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    const nonce = children(children(encrypted[1])[1])[0].bytes;
    const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce,
      additionalData: retag(authAttrs, 0x31), tagLength: 128 }, aes,
      concat([encrypted[2].bytes, mac.bytes])));
    return signed(plain);
  }

  // CMS SignedData: the payload, the signer's common name, and whether the signature holds
  async function signed(bytes) {
    const info = children(read(bytes));
    if (oidText(info[0]) !== OID.signedData) throw new Error(ccpI18n.t('keys.notSigned'));
    const sd = children(children(info[1])[0]);
    const payload = children(children(sd[2])[1])[0].bytes;
    const certificate = children(sd.find(n => n.tag === 0xa0))[0];
    const signerInfo = children(children(sd[sd.length - 1])[0]);
    const tbs = children(children(certificate)[0]);
    const offset = tbs[0].tag === 0xa0 ? 1 : 0;
    const subject = tbs[offset + 4];
    let signer = '';
    children(subject).forEach(rdn => children(rdn).forEach(atv => {
      const [type, value] = children(atv);
      if (oidText(type) === OID.commonName) signer = new TextDecoder().decode(value.bytes);
    }));
    const signedAttrs = signerInfo.find(n => n.tag === 0xa0);
    let digestOk = false;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', payload));
    children(signedAttrs).forEach(attr => {
      const [type, values] = children(attr);
      if (oidText(type) === OID.messageDigest) digestOk = hex(children(values)[0].bytes) === hex(digest);
    });
    const publicKey = await crypto.subtle.importKey('spki', tbs[offset + 5].whole,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    const signature = signerInfo[signerInfo.indexOf(signedAttrs) + 2].bytes;
    const valid = digestOk && await crypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, signature,
      retag(signedAttrs, 0x31));
    return { payload: JSON.parse(new TextDecoder().decode(payload)), signer, signatureValid: valid };
  }

  return { certificate, open, exportKeys, importKeys };
})();
