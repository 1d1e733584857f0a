import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('secrets', () => {
  it.each([
    ['key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t done', 'key [SECRET] done'],
    ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', '[SECRET]'],
    ['sk-ant-api03-abcDEF123456ghiJKL789mno', '[SECRET]'],
    ['ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', '[SECRET]'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijKLMNOP', '[SECRET]'],
    ['SLACK=xoxb-1234567890-0987654321-AbCdEfGhIjKl', 'SLACK=[SECRET]'],
    ['aws AKIAIOSFODNN7EXAMPLE region', 'aws [SECRET] region'],
    ['AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW', '[SECRET]'],
    [`token ${JWT}`, 'token [SECRET]'],
    ['Authorization: Bearer abc123def456ghi789', 'Authorization: Bearer [SECRET]'],
    ['Authorization: Basic dXNlcjpwYXNzd29yZDE=', 'Authorization: Basic [SECRET]'],
    ['password=hunter2&user=bob', 'password=[SECRET]&user=bob'],
    ['Password: letmein', 'Password: [SECRET]'],
    ['"api_key": "abc123xyz"', '"api_key": "[SECRET]"'],
    ["DB_PASSWORD='s3cr3t value'", "DB_PASSWORD='[SECRET]'"],
    ['x-api-key: 7f1c2d', 'x-api-key: [SECRET]'],
    ['clientSecret=xyz, GITHUB_TOKEN=abc', 'clientSecret=[SECRET], GITHUB_TOKEN=[SECRET]'],
    ['https://app/cb?token=abc123&state=1', 'https://app/cb?token=[SECRET]&state=1'],
    ['postgres://admin:s3cret@db:5432/app', 'postgres://admin:[SECRET]@db:5432/app'],
    ['session 9f86d081884c7d659a2feaa0c55ad015', 'session [SECRET]'],
    ['secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'secret [SECRET]'],
    ['blob q9Xz2LmP4tR7vB1nK8sD3fG6hJ0wE5yU', 'blob [SECRET]'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAn1b2\nc3d4e5==\n-----END RSA PRIVATE KEY-----\nthanks', '[SECRET]\nthanks'],
  ])('redacts %j', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    'the Bearer authentication header is missing',
    'invalid token: expired, please reset your password.',
    "To reset a user's password:\nSign in to the admin console",
    'Forgot password? Reset password link never arrived',
    'install scikit-learn and sk-learn-compatible-wrapper-package',
    'commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b and sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'request id 9f86d081884c7d659a2feaa0c55ad015',
    "use { prompt: 'Password: ', echo: false } style objects, it's simple",
    'uuid 550e8400-e29b-41d4-a716-446655440000 and 550E8400-E29B-41D4-A716-446655440000',
    'class AbstractSingletonProxyFactoryBean2024v2 and MyApplicationServiceConfiguration2024',
    'path /Users/JohnSmith/Library/Caches/Google/Chrome2 and api/v2/users/list/Export2024Report',
    'ERR_CONNECTION_REFUSED_AT_PORT_8080_X1 and Microsoft-Windows-Kernel-Power-41-Event',
    '00000000000000000000000000000000',
  ])('keeps %j', (input) => expect(redact(input)).toBe(input));
});
