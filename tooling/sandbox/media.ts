import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * Tiny media files built byte by byte, so the sandbox needs no binary fixtures:
 * a solid-colour PNG, a baseline greyscale JPEG (one 8x8 block, DC only), a
 * lossless WebP (VP8L with single-symbol prefix codes) and an ISO-BMFF MP4
 * container. The colour comes from the URL path, so each URL has its own bytes
 * and the same bytes on every run. `sizeBytes` pads a file with a chunk that
 * decoders skip, for size-limit tests.
 */
export type MediaKind = 'png' | 'jpeg' | 'webp' | 'mp4';

export const CONTENT_TYPE: Record<MediaKind, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	mp4: 'video/mp4',
};

/** What a CDN URL serves, judged the way xhscdn names its files. */
export function mediaKindFor(host: string, path: string): MediaKind {
	if (host.startsWith('sns-video-') || /^sns-v\d/.test(host) || /\.mp4$/.test(path)) return 'mp4';
	if (/_webp_|\.webp$|format\/webp/.test(path)) return 'webp';
	if (/_png_|\.png$/.test(path)) return 'png';
	return 'jpeg';
}

export function generateMedia(kind: MediaKind, label: string, sizeBytes?: number): Buffer {
	const digest = createHash('sha256').update(label).digest();
	const [r, g, b] = [digest[0], digest[1], digest[2]];
	switch (kind) {
		case 'png':
			return png(8, 8, [r, g, b], sizeBytes);
		case 'jpeg':
			return jpeg(r, sizeBytes);
		case 'webp':
			return webp(8, 8, [r, g, b, 255]);
		case 'mp4':
			return mp4(digest.readUInt16BE(4) % 120, sizeBytes);
	}
}

// ---- PNG ----

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(data: Buffer): number {
	let c = 0xffffffff;
	for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

function png(width: number, height: number, rgb: number[], sizeBytes?: number): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // truecolour RGB
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
	const pixels = Buffer.concat(Array.from({ length: height }, () => row));
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const head = Buffer.concat([signature, pngChunk('IHDR', header)]);
	const tail = Buffer.concat([pngChunk('IDAT', deflateSync(pixels)), pngChunk('IEND', Buffer.alloc(0))]);
	// A private ancillary chunk ('paDd') that decoders ignore carries the padding.
	const padding = sizeBytes ? Math.max(0, sizeBytes - head.length - tail.length - 12) : 0;
	return padding ? Buffer.concat([head, pngChunk('paDd', Buffer.alloc(padding)), tail]) : Buffer.concat([head, tail]);
}

// ---- JPEG ----

function segment(marker: number, payload: Buffer): Buffer {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(payload.length + 2, 2);
	return Buffer.concat([head, payload]);
}

/** Baseline JPEG, one 8x8 greyscale block of a single level: only the DC coefficient is non-zero. */
function jpeg(level: number, sizeBytes?: number): Buffer {
	// A flat block's DC coefficient is 8 * (level - 128) with a quantiser of 1.
	const dc = 8 * (level - 128);
	const category = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
	const valueBits = dc >= 0 ? dc : dc - 1 + (1 << category);
	let bits = '0'; // the one DC Huffman code (length 1) stands for `category`
	if (category > 0) bits += (valueBits & ((1 << category) - 1)).toString(2).padStart(category, '0');
	bits += '0'; // the one AC Huffman code (length 1) stands for EOB
	while (bits.length % 8) bits += '1';
	const scan: number[] = [];
	for (let i = 0; i < bits.length; i += 8) {
		const byte = parseInt(bits.slice(i, i + 8), 2);
		scan.push(byte);
		if (byte === 0xff) scan.push(0x00);
	}
	const oneCodeOfLengthOne = (tableClassAndId: number, symbol: number) =>
		Buffer.from([tableClassAndId, 1, ...Array(15).fill(0), symbol]);
	const parts = [
		Buffer.from([0xff, 0xd8]),
		segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
		segment(0xdb, Buffer.from([0x00, ...Array(64).fill(1)])),
		segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
		segment(0xc4, oneCodeOfLengthOne(0x00, category)),
		segment(0xc4, oneCodeOfLengthOne(0x10, 0x00)),
		segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
		Buffer.from(scan),
		Buffer.from([0xff, 0xd9]),
	];
	const base = Buffer.concat(parts);
	if (!sizeBytes || sizeBytes <= base.length) return base;
	// Comment segments (at most 65,533 bytes each) after APP0 carry the padding.
	const comments: Buffer[] = [];
	let missing = sizeBytes - base.length;
	while (missing > 4) {
		const payload = Math.min(65_533, missing - 4);
		comments.push(segment(0xfe, Buffer.alloc(payload, 0x20)));
		missing -= payload + 4;
	}
	return Buffer.concat([parts[0], parts[1], ...comments, ...parts.slice(2)]);
}

// ---- WebP (lossless) ----

class BitWriter {
	private bytes: number[] = [];
	private bitCount = 0;

	write(value: number, bits: number): void {
		for (let i = 0; i < bits; i++) {
			const byteIndex = this.bitCount >> 3;
			if (byteIndex === this.bytes.length) this.bytes.push(0);
			if ((value >> i) & 1) this.bytes[byteIndex] |= 1 << (this.bitCount & 7);
			this.bitCount += 1;
		}
	}

	buffer(): Buffer {
		return Buffer.from(this.bytes);
	}
}

/** VP8L: no transforms, no colour cache, five single-symbol prefix codes: every pixel costs zero bits. */
function webp(width: number, height: number, argb: number[]): Buffer {
	const [r, g, b, a] = argb;
	const w = new BitWriter();
	w.write(0x2f, 8);
	w.write(width - 1, 14);
	w.write(height - 1, 14);
	w.write(a === 255 ? 0 : 1, 1);
	w.write(0, 3); // version
	w.write(0, 1); // no transform
	w.write(0, 1); // no colour cache
	w.write(0, 1); // no meta prefix codes
	for (const symbol of [g, r, b, a, 0]) {
		w.write(1, 1); // simple code
		w.write(0, 1); // one symbol
		w.write(1, 1); // symbol stored in 8 bits
		w.write(symbol, 8);
	}
	let data = w.buffer();
	if (data.length % 2) data = Buffer.concat([data, Buffer.from([0])]);
	const chunkHead = Buffer.alloc(8);
	chunkHead.write('VP8L', 0, 'ascii');
	chunkHead.writeUInt32LE(data.length, 4);
	const riff = Buffer.alloc(12);
	riff.write('RIFF', 0, 'ascii');
	riff.writeUInt32LE(4 + chunkHead.length + data.length, 4);
	riff.write('WEBP', 8, 'ascii');
	return Buffer.concat([riff, chunkHead, data]);
}

// ---- MP4 ----

function box(type: string, ...payload: Buffer[]): Buffer {
	const body = Buffer.concat(payload);
	const head = Buffer.alloc(8);
	head.writeUInt32BE(8 + body.length, 0);
	head.write(type, 4, 'ascii');
	return Buffer.concat([head, body]);
}

function u32(...values: number[]): Buffer {
	const out = Buffer.alloc(values.length * 4);
	values.forEach((v, i) => out.writeUInt32BE(v >>> 0, i * 4));
	return out;
}

/** An ISO-BMFF file: ftyp, a movie header with a duration, and a free box for padding. */
function mp4(durationSeconds: number, sizeBytes?: number): Buffer {
	const ftyp = box('ftyp', Buffer.from('isom', 'ascii'), u32(0x200), Buffer.from('isomiso2avc1mp41', 'ascii'));
	const identity = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);
	const mvhd = box(
		'mvhd',
		u32(0, 0, 0, 1000, durationSeconds * 1000, 0x00010000),
		Buffer.from([0x01, 0x00, 0, 0]),
		u32(0, 0),
		identity,
		Buffer.alloc(24),
		u32(2),
	);
	const moov = box('moov', mvhd);
	const base = Buffer.concat([ftyp, moov]);
	const padding = sizeBytes ? Math.max(0, sizeBytes - base.length - 8) : 0;
	return Buffer.concat([base, box('free', Buffer.alloc(padding))]);
}
