import { chmodSync, writeFileSync } from 'node:fs';
import { aptInstall, output } from '../postgres/run.ts';
import { RT_PACKAGES, RT_PASSWORD, RT_PORT, RT_URL } from './settings.ts';

const SITE_CONFIG_DIR = '/etc/request-tracker5';

// Unset, the root password silently becomes `password`; the database is SQLite, so RT brings its own.
const PRESEED = [
  'request-tracker5 request-tracker5/dbconfig-install boolean true',
  'request-tracker5 request-tracker5/database-type select sqlite3',
  `request-tracker5 request-tracker5/initial-root-password password ${RT_PASSWORD}`,
  'request-tracker5 request-tracker5/install-cronjobs boolean false',
  'request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true',
  `request-tracker5 request-tracker5/webbaseurl string ${RT_URL}`,
  'request-tracker5 request-tracker5/rtname string triage-test',
];

// An empty WebPath cannot be preseeded; there is no syslog daemon nor mail server to hand things to.
const LOCAL_SETTINGS = `Set($WebPath, "");
Set($WebDomain, "127.0.0.1");
Set($WebPort, ${RT_PORT});
Set($WebBaseURL, "${RT_URL}");
Set($LogToSyslog, undef);
Set($LogToSTDERR, "warning");
Set($MailCommand, "mbox");
Set($DatabaseName, "/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb");
1;
`;

export const isInstalled = (): boolean =>
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${Status} is dpkg-query's own format field, not a JS placeholder
  RT_PACKAGES.every((pkg) => output('dpkg-query', ['-W', '--showformat=${Status}', pkg]) === 'install ok installed');

/**
 * Installs Debian's Request Tracker 5 without a question asked: debconf is preseeded, so
 * dbconfig-common creates and initialises the SQLite database with the known root password.
 */
export const installRequestTracker = async (log: (message: string) => void): Promise<void> => {
  if (process.getuid?.() !== 0) throw new Error('installing Request Tracker 5 needs root (apt-get)');
  log(`installing ${RT_PACKAGES.join(' ')} (about a minute)`);
  await aptInstall(RT_PACKAGES, PRESEED);
};

/** Writes the local settings; RT_SiteConfig.pm is installed 0600 root, and rt-server runs as www-data. */
export const configureRequestTracker = (): void => {
  writeFileSync(`${SITE_CONFIG_DIR}/RT_SiteConfig.d/99-local.pm`, LOCAL_SETTINGS, { mode: 0o644 });
  chmodSync(`${SITE_CONFIG_DIR}/RT_SiteConfig.pm`, 0o644);
};

// The Docker image's build step: installed and configured, started by the container's command.
if (import.meta.main) {
  await installRequestTracker((line) => console.error(`[request-tracker] ${line}`));
  configureRequestTracker();
}
