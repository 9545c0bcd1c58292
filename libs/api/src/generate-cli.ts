// `npm run generate -w @conflux/api`: rewrites crds/ and src/generated/ from the kinds.
// It lives apart from generate.ts because in an esbuild bundle every module shares the bundle's
// import.meta: an `if (import.meta.main)` inside a lib that a controller imports runs in that
// controller at start-up (it did: the controllers wrote CRD files next to their bundle).
import { writeGeneratedFiles } from './generate.ts';

if (import.meta.main) {
  for (const path of writeGeneratedFiles()) process.stdout.write(`wrote ${path}\n`);
}
