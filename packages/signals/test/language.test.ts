import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../src/language.ts';
import { SDK_REGRESSION, SPANISH_LOGIN } from './issue-tickets.ts';

describe('language detection', () => {
  it('reads the Spanish login ticket as Spanish, confidently', () => {
    const language = detectLanguage(SPANISH_LOGIN);
    expect(language?.code).toBe('es');
    expect(language?.confidence).toBeGreaterThan(0.7);
  });

  it('reads a technical English ticket as English despite codes, versions and URLs', () => {
    expect(detectLanguage(SDK_REGRESSION)).toMatchObject({ code: 'en' });
    expect(detectLanguage(SDK_REGRESSION)?.confidence).toBeGreaterThan(0.7);
  });

  it.each([
    ['fr', 'Je ne peux pas me connecter à mon compte depuis hier'],
    ['de', 'Ich kann mich seit gestern nicht mehr anmelden, das Passwort wird abgelehnt'],
    ['pt', 'Não consigo entrar na minha conta, a senha não funciona'],
    ['it', 'Non riesco ad accedere al mio account da ieri'],
    ['nl', 'Ik kan sinds gisteren niet meer inloggen op mijn account'],
  ])('reads %s', (code, text) => {
    expect(detectLanguage(text)?.code).toBe(code);
  });

  it('is less sure of a sentence that reads the same in two languages', () => {
    const close = detectLanguage('Por favor, conserte isto.');
    expect(close?.confidence).toBeLessThan(0.6);
  });

  it('tells nothing from codes alone or a word too short to tell', () => {
    expect(detectLanguage('E_SCHEMA_4411 ORD-88213 https://x.example.com/v1')).toBeUndefined();
    expect(detectLanguage('ok')).toBeUndefined();
    expect(detectLanguage('')).toBeUndefined();
  });
});
