/**
 * Just enough of the PE/COFF format (learn.microsoft.com/windows/win32/debug/pe-format) to check the
 * Windows executable without Windows: the headers, the sections, and a resource by type and name,
 * which is where postject puts a SEA blob (RT_RCDATA, "NODE_SEA_BLOB").
 */
export interface PeInfo {
  machine: number;
  /** 0x20b for PE32+. */
  magic: number;
  subsystem: number;
  /** The certificate table (Authenticode) directory: file offset and size. */
  security: { offset: number; size: number };
  sections: Array<{ name: string; virtualAddress: number; virtualSize: number; rawOffset: number; rawSize: number }>;
}

export function readPe(bytes: Buffer): PeInfo {
  if (bytes.readUInt16LE(0) !== 0x5a4d) throw new Error('no MZ header');
  const pe = bytes.readUInt32LE(0x3c);
  if (bytes.readUInt32LE(pe) !== 0x4550) throw new Error('no PE signature');
  const machine = bytes.readUInt16LE(pe + 4);
  const sectionCount = bytes.readUInt16LE(pe + 6);
  const optionalSize = bytes.readUInt16LE(pe + 20);
  const optional = pe + 24;
  const magic = bytes.readUInt16LE(optional);
  const subsystem = bytes.readUInt16LE(optional + 68);
  const directories = optional + 112;
  const sections = [];
  for (let i = 0, at = optional + optionalSize; i < sectionCount; i++, at += 40) {
    sections.push({
      name: bytes.subarray(at, at + 8).toString('latin1').replace(/\0+$/, ''),
      virtualSize: bytes.readUInt32LE(at + 8),
      virtualAddress: bytes.readUInt32LE(at + 12),
      rawSize: bytes.readUInt32LE(at + 16),
      rawOffset: bytes.readUInt32LE(at + 20),
    });
  }
  return { machine, magic, subsystem, security: { offset: bytes.readUInt32LE(directories + 32), size: bytes.readUInt32LE(directories + 36) }, sections };
}

function fileOffset(info: PeInfo, rva: number): number {
  const section = info.sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.rawSize));
  if (!section) throw new Error(`RVA 0x${rva.toString(16)} is in no section`);
  return rva - section.virtualAddress + section.rawOffset;
}

/** The bytes of the first resource of `type` (numeric id) named `name`, or undefined. */
export function findResource(bytes: Buffer, type: number, name: string): Buffer | undefined {
  const info = readPe(bytes);
  const pe = bytes.readUInt32LE(0x3c);
  const resourceRva = bytes.readUInt32LE(pe + 24 + 112 + 2 * 8);
  if (resourceRva === 0) return undefined;
  const base = fileOffset(info, resourceRva);
  const entries = (dir: number) => {
    const named = bytes.readUInt16LE(dir + 12);
    const ids = bytes.readUInt16LE(dir + 14);
    return Array.from({ length: named + ids }, (_, i) => {
      const at = dir + 16 + i * 8;
      const id = bytes.readUInt32LE(at);
      const target = bytes.readUInt32LE(at + 4);
      const label =
        id & 0x80000000 ? bytes.subarray(base + (id & 0x7fffffff) + 2, base + (id & 0x7fffffff) + 2 + 2 * bytes.readUInt16LE(base + (id & 0x7fffffff))).toString('utf16le') : id;
      return { label, offset: base + (target & 0x7fffffff), isDirectory: (target & 0x80000000) !== 0 };
    });
  };
  const typeEntry = entries(base).find((e) => e.label === type && e.isDirectory);
  if (!typeEntry) return undefined;
  const nameEntry = entries(typeEntry.offset).find((e) => e.label === name && e.isDirectory);
  if (!nameEntry) return undefined;
  const language = entries(nameEntry.offset)[0];
  if (!language || language.isDirectory) return undefined;
  const dataRva = bytes.readUInt32LE(language.offset);
  const size = bytes.readUInt32LE(language.offset + 4);
  const start = fileOffset(info, dataRva);
  return bytes.subarray(start, start + size);
}
