/** Passed to `createEmbeddings`: a bench measures MiniLM, so falling back to hashed n-grams fails it instead. */
export const noFallback = {
  warn: (message: string) => {
    throw new Error(`the bench needs MiniLM: ${message}`);
  },
};
