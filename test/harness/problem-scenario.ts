// The clustering scenario of problem management: many customers report one fault in their own
// words, among unrelated tickets and near-misses that share its words but not its fault.
import { fileURLToPath } from 'node:url';
import type { TicketSubmission } from '@triage/contracts';
import { readExamples } from '@triage/ml';

const channels = ['email', 'chat', 'web', 'api', 'phone'] as const;
const tiers = ['free', 'pro', 'enterprise'] as const;

const subjects = [
  'CSV export fails',
  'Cannot export report to CSV',
  'Export to CSV broken',
  'Report export error E_EXPORT_5003',
  'CSV download of sales report not working',
  'Export keeps failing with a timeout',
  'Error when exporting our monthly report',
  'Report export stopped working today',
];
const openings = [
  'Since this morning every CSV export of our reports fails.',
  'When I click "Export to CSV" on the Sales report, the spinner runs for a minute and then it fails.',
  'Our finance team cannot export any report to CSV anymore.',
  'Exporting the monthly revenue report to CSV fails every time we try.',
  'The CSV export on the reports page is broken for us.',
  'After choosing Export > CSV on any dashboard report, nothing downloads and we get an error.',
];
const errors = [
  'The error says "Report generation timed out (E_EXPORT_5003)".',
  'We get error E_EXPORT_5003: "Report generation timed out".',
  'It shows E_EXPORT_5003 "Report generation timed out" after about 60 seconds.',
  'Message on screen: "Report generation timed out". Code E_EXPORT_5003.',
  'The toast reads "Report generation timed out".',
];
const details = [
  'Small reports with ten rows fail too, so it is not the size.',
  'We are on version 5.2.0 of the web app, Chrome 131.',
  'Tried Firefox and Edge as well, same result.',
  'It worked fine yesterday afternoon.',
  'Our accountants need these exports for month-end close, please look at it.',
  'Steps: open Reports, pick any report, click Export, choose CSV.',
  'PDF export still works, only CSV fails.',
];

// Some customers do not copy the message at all.
const vague = 'It just fails without any useful message and nothing is downloaded.';

/**
 * `count` reports of the CSV export timeout from `customers` customers, each worded its own way;
 * one in thirteen quotes no error at all.
 */
export const faultReports = (count: number, customers: number, tenantPrefix = 'fault-customer'): TicketSubmission[] =>
  Array.from({ length: count }, (_, i) => ({
    subject: subjects[i % subjects.length]!,
    body: [
      openings[(i * 5) % openings.length],
      i % 13 === 5 ? vague : errors[(i * 3) % errors.length],
      details[(i * 11) % details.length],
      details[(i * 13 + 2) % details.length],
    ]
      .filter((s, j, all) => all.indexOf(s) === j)
      .join(' '),
    channel: channels[i % channels.length]!,
    customer: { id: `${tenantPrefix}-${i % customers}`, tier: tiers[i % tiers.length]!, vip: false },
  }));

/** Tickets that share the fault's words (export, CSV, report, timeout, error codes) but not its fault. */
export const nearMisses: TicketSubmission[] = [
  [
    'How do I export a report to CSV?',
    'I cannot find where to export the sales report as a CSV file. Is there a button somewhere on the reports page?',
  ],
  ['CSV import fails', 'Importing our customer list from CSV fails with error E_IMPORT_4102 "Invalid column header" on the second column.'],
  [
    'Report takes long to load',
    'The monthly revenue report takes about two minutes to load, but it does load in the end. Can it be made faster?',
  ],
  ['Export to PDF button missing', 'After the update to 5.2.0 the Export to PDF button is gone from the invoice page. CSV is still there.'],
  [
    'Scheduled report email not received',
    'Our weekly scheduled report did not arrive by email this Monday. Other emails from you arrive fine.',
  ],
  [
    'Wrong date format in CSV export',
    'The CSV export works, but the dates come out as MM/DD/YYYY and we need DD/MM/YYYY for our accounting tool.',
  ],
  ['API request timed out', 'Calls to /v1/orders time out after 30 seconds with error E_API_5040 "Upstream request timed out" since noon.'],
  ['Session timed out too quickly', 'I get logged out with "Session timed out" after five minutes of inactivity, can this be longer?'],
  ['Excel export has broken characters', 'When we export the contact list to Excel, names with accents show up as garbage characters.'],
  ['Dashboard report shows no data', 'The sales dashboard report is empty for last week although we had orders. Filters are reset.'],
  ['Cannot export user list', 'Export of the user list to CSV is greyed out for me. Do I need admin rights for that?'],
  ['Backup export failed', 'The nightly data backup export failed with error E_BACKUP_7001 "Storage quota exceeded".'],
  ['Report permissions', 'How can I give our accountant access to the finance reports without making them an admin?'],
  ['Print report layout broken', 'Printing the invoice report cuts off the right column. Export looks fine.'],
  ['Timeout when uploading attachment', 'Uploading a 40 MB attachment to a ticket fails with "Upload timed out". Smaller files work.'],
  ['CSV export missing columns', 'Our CSV export of orders no longer includes the discount column. It was there last month.'],
  ['Exported report numbers wrong', 'The totals in the exported revenue report differ from the numbers on screen by a few euros.'],
  [
    'Error E_EXPORT_4001 on large export',
    'Exporting all 2 million rows of our event log fails with E_EXPORT_4001 "Row limit exceeded". Smaller ranges work.',
  ],
  ['Where are my old reports?', 'The reports I saved last year do not show up in the reports list anymore.'],
  [
    'Report generation question',
    'Is report generation done in real time or from a nightly snapshot? We want to know how fresh the numbers are.',
  ],
].map(([subject, body], i) => ({
  subject: subject!,
  body: body!,
  channel: channels[i % channels.length]!,
  customer: { id: `near-miss-${i % 9}`, tier: tiers[i % tiers.length]!, vip: false },
}));

/** `count` distinct tickets of every category from the seed examples, none about the fault. */
export const unrelatedTickets = async (count: number): Promise<TicketSubmission[]> => {
  const rows = await readExamples(fileURLToPath(new URL('../../data/seed/examples.csv', import.meta.url)));
  const distinct = [...new Map(rows.map((r) => [r.text, r])).values()].filter((r) => !/\bexport|csv\b/i.test(r.text));
  if (distinct.length < count) throw new Error(`the seed has ${distinct.length} distinct examples, ${count} wanted`);
  // Spread over the file, so every category is in.
  const step = distinct.length / count;
  return Array.from({ length: count }, (_, i) => {
    const text = distinct[Math.floor(i * step)]!.text;
    return {
      subject: text.split(/[.!?\n]/)[0]!.slice(0, 120) || 'Support request',
      body: text,
      channel: channels[i % channels.length]!,
      customer: { id: `customer-${i % 37}`, tier: tiers[i % tiers.length]!, vip: false },
    };
  });
};

/** A fixed interleaving: the same order every run. */
export const interleave = <T>(items: T[]): T[] =>
  items
    .map((item, i) => ({ item, key: (i * 2654435761) % 4294967296 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
