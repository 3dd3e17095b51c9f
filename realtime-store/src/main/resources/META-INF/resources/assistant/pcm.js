// PCM16 helpers for the Realtime wire format: mono 16-bit little-endian samples at 24 kHz, carried as base64
// inside JSON events. These run on the main thread once per audio chunk (every ~40 ms), never per sample in a
// hot loop that allocates.

/** The only sample rate the GA Realtime protocol accepts for audio/pcm. */
export const WIRE_RATE = 24000;

// Typed arrays use the platform's byte order. Every browser platform today is little-endian, but checking once
// costs nothing and keeps the wire format right if that ever changes.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// String.fromCharCode.apply takes its bytes as call arguments; 8 KiB per call stays well under every engine's
// argument limit.
const APPLY_CHUNK = 0x2000;

/** Int16 samples → base64 of their little-endian bytes (what input_audio_buffer.append carries). */
export function int16ToBase64(samples) {
  let bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  if (!LITTLE_ENDIAN) {
    const swapped = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 2) {
      swapped[i] = bytes[i + 1];
      swapped[i + 1] = bytes[i];
    }
    bytes = swapped;
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += APPLY_CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + APPLY_CHUNK));
  }
  return btoa(binary);
}

/** base64 PCM16 → Int16Array. A trailing odd byte (never valid PCM16) is ignored. */
export function base64ToInt16(base64) {
  const binary = atob(base64);
  const count = binary.length >> 1;
  const out = new Int16Array(count);
  for (let i = 0, j = 0; i < count; i++, j += 2) {
    // Assemble the little-endian pair explicitly, then sign-extend from 16 bits.
    out[i] = ((binary.charCodeAt(j) | (binary.charCodeAt(j + 1) << 8)) << 16) >> 16;
  }
  return out;
}

/**
 * base64 PCM16 → Float32Array in [-1, 1), in one pass: what the playback worklet consumes. Decoding straight to
 * floats saves an intermediate Int16Array for every received audio delta.
 */
export function base64ToFloat32(base64) {
  const binary = atob(base64);
  const count = binary.length >> 1;
  const out = new Float32Array(count);
  for (let i = 0, j = 0; i < count; i++, j += 2) {
    out[i] = (((binary.charCodeAt(j) | (binary.charCodeAt(j + 1) << 8)) << 16) >> 16) / 32768;
  }
  return out;
}

/** Int16 → Float32 in [-1, 1). */
export function int16ToFloat32(samples) {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    out[i] = samples[i] / 32768;
  }
  return out;
}

/** Decoded size of a base64 string, without decoding it (for log summaries). */
export function base64ByteLength(base64) {
  if (typeof base64 !== 'string' || base64.length === 0) {
    return 0;
  }
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** Samples at WIRE_RATE → whole milliseconds (rounded down: never claim more than was there). */
export function samplesToMs(samples) {
  return Math.floor((samples * 1000) / WIRE_RATE);
}
