import { readFileSync } from 'node:fs';
import { parseSimpleYAML } from './simple.ts';
const f = process.argv[2]!;
const t = readFileSync(f, 'utf8');
console.log(f, parseSimpleYAML(t) === undefined ? 'DECLINED' : 'ok');
// bisect by lines: find the smallest prefix declined
const lines = t.split('\n');
for (let n = 1; n <= lines.length; n++) { if (parseSimpleYAML(lines.slice(0, n).join('\n')) === undefined && lines.slice(0,n).some(l => l.trim() && !l.trim().startsWith('#'))) { console.log('first declined prefix ends at line', n, JSON.stringify(lines.slice(Math.max(0,n-3), n))); break; } }
