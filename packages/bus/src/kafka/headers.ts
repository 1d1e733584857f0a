import type { IHeaders, Message } from 'kafkajs';
import type { RawMessage } from '../types.ts';

/** Header values arrive as bytes (or lists of them for repeated names; the first one wins). */
export const fromKafkaHeaders = (headers: IHeaders | undefined): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
};

export const toKafkaMessage = ({ key, value, headers }: RawMessage): Message => ({ key, value, headers: headers ?? {} });
