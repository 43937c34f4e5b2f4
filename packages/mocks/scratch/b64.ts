import { decodeBase64Lenient } from '../src/http/base64.js';
const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
let bad = 0;
for (let i = 0; i < 200000; i++) {
  const n = Math.floor(Math.random() * 14);
  let s = '';
  for (let j = 0; j < n; j++) s += chars[Math.random() < 0.2 ? 64 : Math.floor(Math.random() * 65)];
  const a = Buffer.from(s, 'base64').toString('hex');
  const b = Buffer.from(decodeBase64Lenient(s)).toString('hex');
  if (a !== b) { if (bad++ < 10) console.log(JSON.stringify(s), a, b); }
}
console.log('bad', bad);
