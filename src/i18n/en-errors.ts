export const enErrors = {} satisfies Record<string, string | ((params: never) => string)>;
