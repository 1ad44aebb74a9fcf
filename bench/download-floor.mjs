#!/usr/bin/env node
// The least a Node.js program does to download one file over N ranged connections: node:http, one
// request per connection for an equal share, each body written at its offset, then the file's sha256
// read back. No retries, no resume, no proxy, no progress. bench/download runs it beside devbox and
// aria2c to show how much of devbox's peak RSS any Node program here pays (the runtime's own pages).
//
//   node bench/download-floor.mjs URL SIZE CONNECTIONS OUTPUT SHA256
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Agent, request } from 'node:http';

const [url, sizeText, connectionsText, output, expected] = process.argv.slice(2);
const size = Number(sizeText);
const connections = Number(connectionsText);
const agent = new Agent({ keepAlive: false, maxSockets: connections });
const file = await open(output, 'w');

/** Fetches bytes [start, end] and writes them at their offset. */
function fetchRange(start, end) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Range: `bytes=${start}-${end}` } }, (res) => {
      if (res.statusCode !== 206) {
        reject(new Error(`expected 206, got ${res.statusCode}`));
        res.resume();
        return;
      }
      let offset = start;
      let writing = Promise.resolve();
      res.on('data', (chunk) => {
        const at = offset;
        offset += chunk.length;
        res.pause();
        writing = writing.then(() => file.write(chunk, 0, chunk.length, at)).then(() => res.resume(), reject);
      });
      res.on('end', () => writing.then(resolve, reject));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const share = Math.ceil(size / connections);
const parts = [];
for (let start = 0; start < size; start += share) parts.push(fetchRange(start, Math.min(size, start + share) - 1));
await Promise.all(parts);
await file.close();
const hash = createHash('sha256');
for await (const chunk of createReadStream(output)) hash.update(chunk);
const got = hash.digest('hex');
if (got !== expected) {
  console.error(`sha256 ${got}, expected ${expected}`);
  process.exit(1);
}
