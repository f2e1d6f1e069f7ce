export const cacheRoot: string;
export const testModelDir: string;
export const testModelId: string;
