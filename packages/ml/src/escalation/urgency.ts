/** Urgency classes, most urgent first: the order of every probability vector the model returns. */
export const URGENCIES = ['high', 'medium', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const isUrgency = (value: string): value is Urgency => (URGENCIES as readonly string[]).includes(value);
