import { describe, expect, it } from 'vitest';
import { localSettings } from '../src/local-settings.ts';

describe('transaction settings', () => {
  it('puts the tenant first, then the other settings', () => {
    expect(localSettings({ tenantId: 'acme', settings: { 'hnsw.ef_search': '80' } })).toEqual([
      ['app.tenant_id', 'acme'],
      ['hnsw.ef_search', '80'],
    ]);
    expect(localSettings({})).toEqual([]);
  });

  it('refuses settings that would change what row-level security shows', () => {
    for (const name of ['app.tenant_id', 'ROLE', 'session_authorization']) {
      expect(() => localSettings({ tenantId: 'acme', settings: { [name]: 'other' } })).toThrow(
        `the transaction setting ${name} cannot be set`,
      );
    }
  });
});
