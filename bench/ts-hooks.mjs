// Lets `node --import ./bench/ts-hooks.mjs file.ts` run the TypeScript benchmarks and the test rig
// they share with the system tests, without a build step: types are stripped by TypeScript's own
// transpiler (no type check here; `npm test` type-checks bench/ and test/).
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
