// PE (Windows executable) surgery for scripts/dist.mjs, by the PE/COFF specification
// (learn.microsoft.com/windows/win32/debug/pe-format): node.exe is Authenticode-signed, and the
// signature stops matching once the SEA blob is injected. Windows treats a file with a broken
// signature worse than an unsigned one, so the certificate table is removed first (what
// `signtool remove /s` does; the Node SEA documentation asks for it on Windows).

/** Offsets of the fields we touch; throws unless the file is a PE32+ image. */
export function peLayout(bytes) {
  if (bytes.readUInt16LE(0) !== 0x5a4d) throw new Error('not a PE file (no MZ header)');
  const pe = bytes.readUInt32LE(0x3c);
  if (bytes.readUInt32LE(pe) !== 0x00004550) throw new Error('not a PE file (no PE signature)');
  const machine = bytes.readUInt16LE(pe + 4);
  const optional = pe + 24;
  const magic = bytes.readUInt16LE(optional);
  if (magic !== 0x20b) throw new Error(`not PE32+ (optional header magic 0x${magic.toString(16)})`);
  return { machine, optional, checksum: optional + 64, directories: optional + 112 };
}

/** A copy of a PE32+ image without its certificate table (and a zero checksum, as unsigned tools leave it). */
export function patchPeForInjection(input) {
  const bytes = Buffer.from(input);
  const { checksum, directories } = peLayout(bytes);
  const security = directories + 4 * 8; // IMAGE_DIRECTORY_ENTRY_SECURITY: a file offset, not an RVA
  const offset = bytes.readUInt32LE(security);
  const size = bytes.readUInt32LE(security + 4);
  bytes.writeUInt32LE(0, security);
  bytes.writeUInt32LE(0, security + 4);
  bytes.writeUInt32LE(0, checksum);
  // The table is the last thing in a signed file (padded to 8 bytes).
  return offset > 0 && offset + size >= bytes.length - 8 ? bytes.subarray(0, offset) : bytes;
}
