import { describe, expect, it } from 'vitest';
import { parseHistoryCsv } from './history-csv.ts';

describe('the escalation history CSV', () => {
  it('reads the documented columns, in any order, with extra ones', () => {
    const csv = [
      'ID,Priority,Text,Channel,Customer_Tier,VIP,Resolved_Tier,SLA_Breached,Affected_Users,Category,Assignee',
      '1,P1,"Checkout down, all users",chat,enterprise,yes,3,false,400,payments,ana',
      '2,P4,How do I export invoices?,email,free,no,1,true,,billing,bo',
      '3,Major,Sync slow,web,,,,,,,',
    ].join('\n');
    const [outage, question, slow] = parseHistoryCsv(csv, 'h.csv');
    expect(outage).toMatchObject({
      line: 2,
      text: 'Checkout down, all users',
      urgency: 'high',
      needsTier2: true,
      channel: 'chat',
      customerTier: 'enterprise',
      vip: true,
      affectedUsers: 400,
      category: 'payments',
    });
    // A broken SLA says it was more urgent than it was treated.
    expect(question).toMatchObject({ urgency: 'medium', needsTier2: false, vip: false, affectedUsers: undefined });
    expect(slow).toMatchObject({ urgency: 'medium', needsTier2: undefined, channel: 'web', customerTier: undefined, category: undefined });
  });

  it('takes the urgency from `category` in text,category files', () => {
    const rows = parseHistoryCsv('text,category\n"Namenode crashes on start",high\nTypo in docs,low\n', 'jira.csv');
    expect(rows.map((r) => [r.line, r.urgency, r.category])).toEqual([
      [2, 'high', undefined],
      [3, 'low', undefined],
    ]);
  });

  it('names the line of a bad row and what is wrong with it', () => {
    expect(() => parseHistoryCsv('text,priority\nfine,P2\n"spans\ntwo lines",P3\nbad,urgent\n', 'h.csv')).toThrow(
      'h.csv:5: priority must be P1-P4, high|medium|low or blocker|critical|major|minor|trivial, got "urgent"',
    );
    expect(() => parseHistoryCsv('text,priority,resolved_tier\nx,P2,5\n', 'h.csv')).toThrow(
      'h.csv:2: resolved_tier must be a whole number from 0 to 3, got "5"',
    );
    expect(() => parseHistoryCsv('text,priority,channel\nx,P2,fax\n', 'h.csv')).toThrow(
      'h.csv:2: channel must be one of email, chat, web, api, phone, got "fax"',
    );
    expect(() => parseHistoryCsv('text,priority\n,P2\n', 'h.csv')).toThrow('h.csv:2: text is empty');
    expect(() => parseHistoryCsv('body,priority\nx,P2\n', 'h.csv')).toThrow('h.csv:1: the header has no `text` column');
    expect(() => parseHistoryCsv('text,owner\nx,ana\n', 'h.csv')).toThrow('neither a `priority` nor a `category` column');
  });
});
