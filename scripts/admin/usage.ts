/** Each command's usage line, by `<group> <action>` (or `list`). */
export const COMMANDS = {
  'tenant create': 'npm run admin -- tenant create <tenant id> [--name <display name>]',
  'tenant identity-secret':
    'npm run admin -- tenant identity-secret --tenant <id> [--secret <32+ characters>]   the widget identity secret, printed once',
  list: 'npm run admin -- list                               every tenant, with its live key counts',
  'key create': 'npm run admin -- key create --tenant <id>            an API key, printed once',
  'key list': 'npm run admin -- key list --tenant <id>              ids and prefixes, never the keys',
  'key revoke': 'npm run admin -- key revoke <key id>                 an API or widget key',
  'widget-key create': 'npm run admin -- widget-key create --tenant <id> --origin <https://site> [--origin …]',
  'customer import': 'npm run admin -- customer import --tenant <id> <customers.csv | customers.json>   (columns id,tier,vip)',
  'webhook create': 'npm run admin -- webhook create --tenant <id> <https://endpoint> --events <type,type…>   secret printed once',
  'webhook list': 'npm run admin -- webhook list --tenant <id>          endpoints, never their secrets',
  'webhook disable': 'npm run admin -- webhook disable <endpoint id>',
  'webhook enable': 'npm run admin -- webhook enable <endpoint id>',
  'webhook dead': 'npm run admin -- webhook dead <endpoint id> [--limit <n>]   deliveries whose every attempt failed, with the reason',
  'webhook replay': 'npm run admin -- webhook replay <endpoint id> [<delivery id>]   every dead delivery, or the one named, sent again',
} as const;

export type Command = keyof typeof COMMANDS;

export const CONNECTION = `Where it acts:
  --url <http://host:port> [--token <token>]  the admin HTTP API of a running deployment (token: --token or
                                              OPERATOR_TOKEN); the way while \`npm start\` runs
  --data-dir <folder>                         the data folder of \`npm start\` (or DATA_DIR), while it is stopped
  neither                                     PostgreSQL at DATABASE_URL (a standalone deployment)`;

export const USAGE = `Tenants, keys, customers and webhooks, without writing code. Prints JSON on stdout.

${Object.values(COMMANDS).join('\n')}

${CONNECTION}`;

export const commandUsage = (command: Command): string => `usage: ${COMMANDS[command]}\n\n${CONNECTION}`;
