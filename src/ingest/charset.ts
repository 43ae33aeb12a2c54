// Bytes to text. The charset comes from, in order: a byte-order mark, the Content-Type header,
// the document itself (<meta charset>, <meta http-equiv content="...charset=">, or the XML
// declaration's encoding, looked for in the first 2 KB only), then UTF-8. A label the runtime
// does not know falls back to UTF-8, and bytes that are not valid UTF-8 then fall back to
// windows-1252 (what browsers assume for undeclared Western pages), so text always comes out.
// The decoders are the WHATWG ones built into Node (TextDecoder), which know windows-1256,
// ISO-8859-6 and the other Arabic-script encodings older Urdu sites used.

export interface Decoded {
  text: string;
  /** The encoding actually used. */
  charset: string;
  /** Where it came from: 'bom', 'header', 'document', 'fallback'. */
  from: 'bom' | 'header' | 'document' | 'fallback';
}

function charsetParam(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
}

function declaredInDocument(bytes: Buffer): string | undefined {
  // latin1 maps every byte to one char, so ASCII markup reads the same whatever the real charset.
  const head = bytes.subarray(0, 2048).toString('latin1');
  return (
    /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]
  );
}

function decoderFor(label: string): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeBody(bytes: Buffer, contentType?: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', from: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), charset: 'utf-16le', from: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), charset: 'utf-16be', from: 'bom' };
  for (const [label, from] of [[charsetParam(contentType), 'header'], [declaredInDocument(bytes), 'document']] as const) {
    if (!label) continue;
    const decoder = decoderFor(label);
    // A server that says UTF-8 for bytes that are not (a misconfigured Urdu site serving
    // windows-1256) is overruled by the document's own declaration, if it has one.
    if (decoder?.encoding === 'utf-8' && from === 'header' && !isValidUtf8(bytes) && declaredInDocument(bytes)) continue;
    // A page that declares UTF-16 in ASCII markup cannot be UTF-16; browsers read it as UTF-8 too.
    if (decoder && !decoder.encoding.startsWith('utf-16')) return { text: decoder.decode(bytes), charset: decoder.encoding, from };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8', from: 'fallback' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252', from: 'fallback' };
  }
}
