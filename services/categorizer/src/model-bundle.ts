import { TextClassifier } from '@triage/ml';
import type { Prediction } from './categorize.ts';
import type { CategorizerModel } from './model.ts';

/** The category head and, when examples carried kinds, the incident/service-request head. */
export interface ModelBundle {
  category: TextClassifier;
  kind?: TextClassifier | undefined;
}

const toPredictions = (c: TextClassifier, text: string, embedding: number[]): Prediction[] => c.predict(text, embedding).probabilities;

export const asCategorizerModel = (bundle: ModelBundle, version: string): CategorizerModel => ({
  version,
  abstainBelow: bundle.category.threshold,
  predictCategory: (text, embedding) => toPredictions(bundle.category, text, embedding),
  ...(bundle.kind ? { predictKind: (text: string, embedding: number[]) => toPredictions(bundle.kind!, text, embedding) } : {}),
});

// Layout: u32 length of the category model, its bytes, then the kind model's bytes (if any).
export const serializeBundle = (bundle: ModelBundle): Uint8Array => {
  const category = bundle.category.serialize();
  const kind = bundle.kind?.serialize() ?? new Uint8Array();
  const out = new Uint8Array(4 + category.length + kind.length);
  new DataView(out.buffer).setUint32(0, category.length, true);
  out.set(category, 4);
  out.set(kind, 4 + category.length);
  return out;
};

export const deserializeBundle = (bytes: Uint8Array): ModelBundle => {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const category = TextClassifier.deserialize(bytes.subarray(4, 4 + length));
  const rest = bytes.subarray(4 + length);
  return { category, kind: rest.length ? TextClassifier.deserialize(rest) : undefined };
};
