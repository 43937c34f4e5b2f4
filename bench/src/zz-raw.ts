import http from 'node:http';
import autocannon from 'autocannon';
const srv = http.createServer((req, res) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ ok: b.length })); }); });
srv.listen(0, '127.0.0.1', async () => {
  const port = (srv.address() as any).port;
  const r = await autocannon({ url: `http://127.0.0.1:${port}/`, method: 'POST', body: JSON.stringify({ a: 'x'.repeat(700) }), headers: { 'content-type': 'application/json' }, connections: 64, amount: 30000 });
  console.log('raw node http c=64:', Math.round(r['2xx'] / r.duration), 'req/s p50', r.latency.p50, 'p99', r.latency.p99);
  srv.close();
});
