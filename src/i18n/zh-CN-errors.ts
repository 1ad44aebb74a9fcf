import type { enErrors } from './en-errors.js';
export const zhCNErrors: { readonly [K in keyof typeof enErrors]: (typeof enErrors)[K] } = {};
