/**
 * Where the frames of a zstd stream begin and end, read from the frame format without decoding
 * anything (RFC 8878 §3.1): the decoder in zstd-decode.ts splits its input with it.
 */

/** Zstandard_Frame magic (RFC 8878 §3.1.1), little-endian. */
const frameMagic = 0xfd2fb528;
/** Skippable frames: 0x184D2A50 to 0x184D2A5F (RFC 8878 §3.1.2). */
const skippableMask = 0xfffffff0;
const skippableMagic = 0x184d2a50;
/** Block_Maximum_Size is at most 128 KiB (RFC 8878 §3.1.1.2.4); Block_Size never exceeds it. */
const blockMax = 128 * 1024;

/**
 * Whether `bytes` (fewer than 4) could be the start of a frame's magic number, cut short: the
 * Zstandard_Frame magic's or a skippable frame's (its first byte is 0x50 to 0x5F).
 */
export function magicPrefix(bytes: Buffer): boolean {
  const frame = Buffer.alloc(4);
  frame.writeUInt32LE(frameMagic);
  const skippable = Buffer.alloc(4);
  skippable.writeUInt32LE(skippableMagic | (bytes[0]! & 0x0f));
  return [frame, skippable].some((m) => m.subarray(0, bytes.length).equals(bytes));
}

/** The stream is not a well-formed zstd stream (bad magic, reserved bits or block type, cut short). */
export class ZstdFormatError extends Error {
  readonly code = 'ERR_ZSTD_FORMAT';
  constructor(message: string) {
    super(`not a valid zstd stream: ${message}`);
    this.name = 'ZstdFormatError';
  }
}

/** A frame header's facts (RFC 8878 §3.1.1.1). */
export interface FrameHeader {
  /** Frame_Content_Size in bytes, or undefined when the header does not carry it. */
  contentSize: number | undefined;
  /** Header length in bytes: magic, Frame_Header_Descriptor and the optional fields. */
  length: number;
  checksum: boolean;
}

/**
 * Input bytes as a list of chunks, with a parse cursor `pos` (bytes looked at but not yet taken).
 * Taking hands out views of the chunks, one per chunk, so nothing is copied.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private offset = 0;
  /** Bytes held (from the first untaken byte). */
  length = 0;
  /** Bytes parsed and not yet taken. */
  pos = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** `n` bytes from `pos` copied out (n is a header's size), or undefined when fewer are held. */
  peek(n: number): Buffer | undefined {
    if (this.pos + n > this.length) return undefined;
    const out = Buffer.allocUnsafe(n);
    let skip = this.offset + this.pos;
    let filled = 0;
    for (const c of this.chunks) {
      if (skip >= c.length) {
        skip -= c.length;
        continue;
      }
      filled += c.copy(out, filled, skip, Math.min(c.length, skip + n - filled));
      skip = 0;
      if (filled === n) break;
    }
    return out;
  }

  /** Removes the `pos` parsed bytes and returns them as views. */
  take(): Buffer[] {
    const out: Buffer[] = [];
    let n = this.pos;
    while (n > 0) {
      const c = this.chunks[0]!;
      const here = Math.min(n, c.length - this.offset);
      out.push(c.subarray(this.offset, this.offset + here));
      n -= here;
      this.offset += here;
      if (this.offset === c.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.length -= this.pos;
    this.pos = 0;
    return out;
  }
}

/** What the splitter found in the bytes just parsed. */
export type FrameEvent =
  | { kind: 'start'; header: FrameHeader }
  | { kind: 'end' }
  /** The bytes parsed so far (of the current frame, or of a skippable frame when `skip`) may be taken. */
  | { kind: 'more'; skip: boolean };

/**
 * Reads frame boundaries (RFC 8878 §3.1): Zstandard frames (magic, Frame_Header_Descriptor,
 * Window_Descriptor, Dictionary_ID, Frame_Content_Size; 3-byte block headers with Last_Block,
 * Block_Type and Block_Size — an RLE block carries 1 byte, type 3 is reserved; a 4-byte
 * Content_Checksum when flagged) and skippable frames (magic 0x184D2A5?, 4-byte size).
 * Throws ZstdFormatError on a bad magic, a reserved bit or block type, or a block over 128 KiB.
 */
export class FrameSplitter {
  private state: 'magic' | 'block' | 'end' = 'magic';
  private skipping = false;
  private checksum = false;
  /** Bytes of the current block (or skippable frame) still to pass over. */
  private skip = 0;
  /** Offset of the next unparsed byte in the whole stream, for messages. */
  private at = 0;

  constructor(private readonly input: ByteQueue) {}

  /** True between frames: the stream may end here. */
  get between(): boolean {
    return this.state === 'magic' && this.skip === 0 && !this.skipping;
  }

  /** Parses as far as the held bytes allow; returns the next event, or undefined when it needs more bytes. */
  next(): FrameEvent | undefined {
    const q = this.input;
    if (this.skip > 0) {
      const n = Math.min(this.skip, q.length - q.pos);
      if (n === 0) return undefined;
      this.advance(n);
      this.skip -= n;
      if (this.skip > 0 || this.state === 'end') return { kind: 'more', skip: this.skipping };
      if (this.skipping) {
        this.skipping = false;
        return { kind: 'more', skip: true };
      }
    }
    if (this.state === 'end') {
      this.state = 'magic';
      return { kind: 'end' };
    }
    return this.state === 'magic' ? this.frameStart() : this.block();
  }

  private advance(n: number): void {
    this.input.pos += n;
    this.at += n;
  }

  private frameStart(): FrameEvent | undefined {
    const head = this.input.peek(5) ?? this.input.peek(4);
    if (!head || (head.length < 5 && head.readUInt32LE(0) === frameMagic)) return undefined;
    const magic = head.readUInt32LE(0);
    if ((magic & skippableMask) >>> 0 === skippableMagic) {
      const sized = this.input.peek(8);
      if (!sized) return undefined;
      this.advance(8);
      this.skip = sized.readUInt32LE(4);
      this.skipping = this.skip > 0;
      return { kind: 'more', skip: true };
    }
    if (magic !== frameMagic) {
      throw new ZstdFormatError(`no zstd frame at byte ${this.at} (magic 0x${magic.toString(16).padStart(8, '0')})`);
    }
    const fhd = head[4]!;
    if (fhd & 0x08) throw new ZstdFormatError(`a reserved bit is set in the frame header at byte ${this.at}`);
    const single = (fhd & 0x20) !== 0;
    const fcsFlag = fhd >> 6;
    const fcsSize = [single ? 1 : 0, 2, 4, 8][fcsFlag]!;
    const didSize = [0, 1, 2, 4][fhd & 0x03]!;
    const length = 5 + (single ? 0 : 1) + didSize + fcsSize;
    const header = this.input.peek(length);
    if (!header) return undefined;
    const fcsAt = length - fcsSize;
    const contentSize =
      fcsSize === 0
        ? undefined
        : fcsSize === 1
          ? header[fcsAt]!
          : fcsSize === 2
            ? header.readUInt16LE(fcsAt) + 256
            : fcsSize === 4
              ? header.readUInt32LE(fcsAt)
              : Number(header.readBigUInt64LE(fcsAt));
    this.checksum = (fhd & 0x04) !== 0;
    this.advance(length);
    this.state = 'block';
    return { kind: 'start', header: { contentSize, length, checksum: this.checksum } };
  }

  private block(): FrameEvent | undefined {
    const h = this.input.peek(3);
    if (!h) return undefined;
    const word = h[0]! | (h[1]! << 8) | (h[2]! << 16);
    const type = (word >> 1) & 3;
    const size = word >>> 3;
    if (type === 3) throw new ZstdFormatError(`reserved block type at byte ${this.at}`);
    if (size > blockMax) throw new ZstdFormatError(`block of ${size} bytes (over 128 KiB) at byte ${this.at}`);
    this.advance(3);
    this.skip = type === 1 ? 1 : size;
    if (word & 1) {
      this.state = 'end';
      this.skip += this.checksum ? 4 : 0;
    }
    return { kind: 'more', skip: false };
  }
}
