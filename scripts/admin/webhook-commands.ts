import type { AdminOperations } from '@triage/admin';
import { UsageError } from '../cli/failures.ts';
import { type Invocation, none, one, tenantOf } from './invocation.ts';
import type { Command } from './usage.ts';

const eventsOf = (inv: Invocation): string[] => {
  const events = inv.events?.split(',').map((e) => e.trim()) ?? [];
  if (events.length === 0) throw new UsageError('give --events <type,type…> (ticket.routed, incident.major, …)');
  return events;
};

/** The `webhook …` commands: endpoints, their dead-letter lists and replays. */
export const webhookCommands: Record<Extract<Command, `webhook ${string}`>, (ops: AdminOperations, inv: Invocation) => Promise<unknown>> = {
  // The endpoint's URL is a positional: --url already names the admin API a command acts through.
  'webhook create': (ops, inv) => ops.createWebhook(tenantOf(inv), { url: one(inv.args, 'endpoint URL'), events: eventsOf(inv) }),
  'webhook list': (ops, inv) => {
    none(inv.args);
    return ops.listWebhooks(tenantOf(inv));
  },
  'webhook disable': (ops, inv) => ops.setWebhookEnabled(one(inv.args, 'endpoint id'), false),
  'webhook enable': (ops, inv) => ops.setWebhookEnabled(one(inv.args, 'endpoint id'), true),
  'webhook dead': (ops, inv) =>
    ops.listDeadDeliveries(one(inv.args, 'endpoint id'), inv.limit === undefined ? undefined : Number(inv.limit)),
  'webhook replay': (ops, inv) => {
    const [id, deliveryId, ...rest] = inv.args;
    if (!id || rest.length > 0) throw new UsageError('give the endpoint id, and optionally one delivery id');
    return ops.replayDeadDeliveries(id, deliveryId);
  },
};
