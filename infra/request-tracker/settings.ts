/** Where the native Request Tracker listens and who administers it: known, so tests and the bench can log in. */
export const RT_PORT = 19080;
export const RT_URL = `http://127.0.0.1:${RT_PORT}`;
export const RT_USER = 'root';
export const RT_PASSWORD = 'triage-rt-admin';
export const RT_PACKAGES = ['request-tracker5', 'rt5-db-sqlite', 'rt5-standalone', 'msmtp-mta'];
export const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';

export interface RequestTracker {
  url: string;
  user: string;
  password: string;
}
